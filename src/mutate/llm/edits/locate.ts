/**
 * Finds where a SEARCH text sits in a program, by whole lines: exactly first
 * (line breaks aside, so "\r\n" and "\n" agree), then up to whitespace
 * (indentation, trailing and repeated spaces, blank lines). It never guesses:
 * a text that fits several places is reported with all of them.
 */
import { editDistance } from "../../../util/edit-distance.ts";

export type Location = {
  /** 0-based index of the first program line matched. */
  start: number;
  /** 0-based index after the last program line matched. */
  end: number;
  mode: "exact" | "tolerant";
};

export type LocateResult =
  | { found: "one"; location: Location }
  | { found: "none" }
  /** `lines`: 1-based first line of each place it fits. */
  | { found: "many"; lines: number[] };

/** A line without its line break. */
export function stripBreak(line: string): string {
  return line.replace(/\r?\n$/, "");
}

/** A line as tolerant matching sees it: trimmed, inner whitespace runs as one space. */
export function normalize(line: string): string {
  return line.trim().replace(/\s+/g, " ");
}

/** `lines` are the program's lines with their breaks; `search` the SEARCH lines without. */
export function locate(lines: readonly string[], search: readonly string[]): LocateResult {
  const exact: number[] = [];
  for (let i = 0; i + search.length <= lines.length; i++) {
    if (search.every((s, t) => stripBreak(lines[i + t] ?? "") === s)) exact.push(i);
  }
  if (exact.length > 1) return { found: "many", lines: exact.map((i) => i + 1) };
  const first = exact[0];
  if (first !== undefined) {
    return { found: "one", location: { start: first, end: first + search.length, mode: "exact" } };
  }
  return locateTolerant(lines, search);
}

function locateTolerant(lines: readonly string[], search: readonly string[]): LocateResult {
  const wanted = search.map(normalize).filter((s) => s !== "");
  const kept: { index: number; text: string }[] = [];
  for (const [index, line] of lines.entries()) {
    const text = normalize(line);
    if (text !== "") kept.push({ index, text });
  }
  const matches: Location[] = [];
  for (let j = 0; wanted.length > 0 && j + wanted.length <= kept.length; j++) {
    if (!wanted.every((w, t) => kept[j + t]?.text === w)) continue;
    const start = kept[j]?.index ?? 0;
    const end = (kept[j + wanted.length - 1]?.index ?? start) + 1;
    matches.push({ start, end, mode: "tolerant" });
  }
  const only = matches[0];
  if (matches.length === 1 && only) return { found: "one", location: only };
  if (matches.length === 0) return { found: "none" };
  return { found: "many", lines: matches.map((m) => m.start + 1) };
}

/**
 * The program line most like `text` (1-based), when it is reasonably alike
 * (similarity >= 0.6 by edit distance); for "matches nothing" messages.
 */
export function closestLine(
  lines: readonly string[],
  text: string,
): { line: number; text: string } | null {
  const target = normalize(text).slice(0, 200);
  if (target === "") return null;
  let best: { line: number; text: string; score: number } | null = null;
  for (const [i, line] of lines.entries()) {
    const candidate = normalize(line).slice(0, 200);
    if (candidate === "") continue;
    const longest = Math.max(candidate.length, target.length);
    if (Math.min(candidate.length, target.length) < longest * 0.6) continue;
    const score = 1 - editDistance(candidate, target) / longest;
    if (score >= 0.6 && (!best || score > best.score)) best = { line: i + 1, text: line, score };
  }
  return best && { line: best.line, text: best.text };
}
