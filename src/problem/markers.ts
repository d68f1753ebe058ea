/**
 * EVOLVE-BLOCKs: the only parts of a program Steward may change.
 *
 * A block is the lines between a line containing `EVOLVE-BLOCK-START` and the
 * next line containing `EVOLVE-BLOCK-END`, in any comment syntax. A program may
 * have several blocks; they cannot nest. A program with no markers at all is
 * one block holding the whole file: everything may change (a seed without
 * markers opts out of the guard instead of being rejected).
 *
 * The guard is byte-exact outside the blocks, marker lines included, with one
 * allowance: "\r\n" and "\n" count as the same line break, so a candidate that
 * only differs from a Windows-edited seed in its line endings is not rejected.
 * It guards the text, not the meaning: an interior that opens a comment or a
 * string can still swallow the code after it, which the compile step and the
 * evaluator see.
 */
import { StewardError } from "../errors.ts";
import { type Layout, layoutOf, MarkersError, splitLines } from "./marker-layout.ts";

export { END_TOKEN, MarkersError, START_TOKEN } from "./marker-layout.ts";

export interface Block {
  /** 1-based line of the interior's first line (the line after the START marker). */
  firstLine: number;
  /** 1-based line of its last line; `firstLine - 1` when the interior is empty. */
  lastLine: number;
  /** The interior exactly as in the file, line breaks included; "" when empty. */
  text: string;
}

export type MarkersCheck = { ok: true } | { ok: false; reason: string; line: number };

/** The program's blocks, in order. Throws `MarkersError` ("markers-invalid") naming the line. */
export function parseBlocks(code: string): Block[] {
  return layoutOf(code).interiors;
}

/**
 * Whether `candidate` changes only the interiors of `seed`'s blocks: same
 * number of blocks, every byte outside them (marker lines included) the same
 * and in the same order. Malformed markers in the candidate are a rejection;
 * in the seed they throw (the seed is checked when the problem loads).
 */
export function changedOutsideBlocks(seed: string, candidate: string): MarkersCheck {
  const before = layoutOf(seed);
  if (!before.hasMarkers) return { ok: true };
  let after: Layout;
  try {
    after = layoutOf(candidate);
  } catch (error) {
    if (error instanceof MarkersError) return { ok: false, reason: error.reason, line: error.line };
    throw error;
  }
  const difference = firstDifference(before, after);
  const count = (n: number) => `${n} EVOLVE-BLOCK${n === 1 ? "" : "s"}`;
  if (after.interiors.length !== before.interiors.length || !after.hasMarkers) {
    return {
      ok: false,
      reason: `the seed has ${count(before.interiors.length)}, the candidate ${after.hasMarkers ? after.interiors.length : "none"}`,
      line: difference?.line ?? 1,
    };
  }
  return difference ? { ok: false, ...difference } : { ok: true };
}

/**
 * The seed with each block's interior replaced, in order. Line breaks in the
 * new interiors follow the seed's ("\r\n" if it uses them), and a non-empty
 * interior gets a final line break so the END marker stays on its own line.
 */
export function replaceBlocks(seed: string, newInteriors: readonly string[]): string {
  const layout = layoutOf(seed);
  if (newInteriors.length !== layout.interiors.length) {
    throw new StewardError(
      "markers-invalid",
      `the seed has ${layout.interiors.length} EVOLVE-BLOCKs but ${newInteriors.length} interiors were given`,
    );
  }
  const eol = seed.includes("\r\n") ? "\r\n" : "\n";
  let out = layout.fixed[0] ?? "";
  newInteriors.forEach((interior, i) => {
    let text = interior.replace(/\r?\n/g, eol);
    if (layout.hasMarkers && text !== "" && !text.endsWith("\n")) text += eol;
    out += text + (layout.fixed[i + 1] ?? "");
  });
  return out;
}

/** The first line outside the blocks where `after` differs from `before`. */
function firstDifference(before: Layout, after: Layout): { line: number; reason: string } | null {
  const segments = Math.max(before.fixed.length, after.fixed.length);
  for (let s = 0; s < segments; s++) {
    const expected = splitLines(before.fixed[s] ?? "");
    const found = splitLines(after.fixed[s] ?? "");
    const startLine = after.fixedLines[s] ?? after.fixedLines.at(-1) ?? 1;
    for (let i = 0; i < Math.max(expected.length, found.length); i++) {
      const reason = compareLines(expected, found, i);
      if (reason) return { line: startLine + Math.min(i, found.length), reason };
    }
  }
  return null;
}

/** How line `i` of a fixed segment differs, or null; an inserted or deleted line is named as such. */
function compareLines(seedLines: string[], lines: string[], i: number): string | null {
  const expected = seedLines[i];
  const found = lines[i];
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && text(a) === text(b);
  // Checked first: with repeated lines (two blank lines, as PEP 8 puts between
  // Python functions) an unchanged line would otherwise look inserted.
  if (expected !== undefined && expected === found) return null;
  if (expected === undefined || (found !== undefined && same(lines[i + 1], expected))) {
    return `an extra line ${quote(found ?? "")} that the seed does not have`;
  }
  if (found === undefined || same(seedLines[i + 1], found)) {
    return `the seed's line ${quote(expected)} is missing`;
  }
  if (text(expected) !== text(found)) {
    return `the line reads ${quote(found)} where the seed's reads ${quote(expected)}`;
  }
  if (expected.endsWith("\n") !== found.endsWith("\n")) {
    return `the line ${quote(found)} ${found.endsWith("\n") ? "gained" : "lost"} its line break`;
  }
  return null;
}

/** A line without its line break ("\r\n" and "\n" alike). */
function text(line: string): string {
  return line.replace(/\r?\n$/, "");
}

function quote(line: string): string {
  const t = text(line);
  return JSON.stringify(t.length > 80 ? `${t.slice(0, 77)}...` : t);
}
