/**
 * Text edits on a program: gp changes a program by splicing new text over the
 * ranges of the nodes it replaces, so everything it does not touch (formatting,
 * comments) stays as it was.
 */
import { needsSpace } from "./print.ts";

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits, keeping tokens on either side of each apart. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((x, y) => y.start - x.start || y.end - x.end);
  let out = text;
  for (const e of sorted) {
    let insert = e.text;
    if (insert !== "" && needsSpace(out[e.start - 1], insert[0])) insert = ` ${insert}`;
    if (insert !== "" && needsSpace(insert.at(-1), out[e.end])) insert = `${insert} `;
    out = out.slice(0, e.start) + insert + out.slice(e.end);
  }
  return out;
}

/** Whether any two edits overlap (touching is fine). */
export function overlapping(edits: readonly Edit[]): boolean {
  const sorted = [...edits].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.start < prev.end) return true;
  }
  return false;
}

/** The whitespace at the start of the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/** [start, end) widened to whole lines when nothing else shares them. */
export function wholeLines(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  if (before.trim() !== "" || after.trim() !== "") return [start, end];
  return [lineStart, lineEnd === -1 ? text.length : lineEnd + 1];
}
