/**
 * Turns a located SEARCH/REPLACE pair into the lines it actually changes.
 *
 * Lines the model kept (trailing spaces aside) at either end of the pair are context: the
 * program keeps its own bytes for them (so context may include marker lines,
 * and a whitespace-tolerant match does not rewrite them). Only the middle is
 * replaced; after a tolerant match it is re-indented by the offset between the
 * program's and the SEARCH text's indentation, and written with the program's
 * line breaks.
 */
import type { Location } from "./locate.ts";
import type { SearchReplaceEdit } from "./parse-reply.ts";

export interface Splice {
  /** 0-based program lines [from, to) that change; from === to inserts before `from`. */
  from: number;
  to: number;
  /** The new text of those lines, line breaks included. */
  text: string;
  /** The new lines, without breaks (for marker checks). */
  inserted: string[];
}

export function spliceOf(
  lines: readonly string[],
  location: Location,
  edit: SearchReplaceEdit,
): Splice {
  const { search, replace } = edit;
  const same = (a: string | undefined, b: string | undefined) => a?.trimEnd() === b?.trimEnd();
  let head = 0;
  while (head < search.length && head < replace.length && same(search[head], replace[head])) head++;
  let tail = 0;
  const room = Math.min(search.length, replace.length) - head;
  while (tail < room && same(search.at(-1 - tail), replace.at(-1 - tail))) tail++;

  const region = lines.slice(location.start, location.end);
  const exact = location.mode === "exact";
  const keptHead = exact ? head : regionLines(region, search.slice(0, head), "head");
  const keptTail = Math.min(
    exact ? tail : regionLines(region, search.slice(search.length - tail), "tail"),
    region.length - keptHead,
  );
  const from = location.start + keptHead;
  const to = location.end - keptTail;

  let inserted = replace.slice(head, replace.length - tail);
  if (!exact) inserted = reindent(inserted, region, search);
  const broken = region.find((line) => line.endsWith("\n")) ?? lines.find((l) => l.endsWith("\n"));
  const lineBreak = broken?.endsWith("\r\n") ? "\r\n" : "\n";
  let text = inserted.map((line) => line + lineBreak).join("");
  const last = lines[to - 1];
  if (to === lines.length && keptTail === 0 && last !== undefined && !last.endsWith("\n")) {
    text = text.slice(0, text.length - lineBreak.length);
  }
  return { from, to, text, inserted };
}

/**
 * How many region lines at one end of a tolerant match correspond to
 * `context` SEARCH lines: counted by non-blank lines, and blank lines next to
 * the context count with it when the context ends (or starts) with a blank line.
 */
function regionLines(region: readonly string[], context: readonly string[], end: "head" | "tail") {
  const ordered = end === "head" ? region : [...region].reverse();
  const words = end === "head" ? context : [...context].reverse();
  let wanted = words.filter((line) => line.trim() !== "").length;
  if (wanted === 0) return 0;
  let count = 0;
  while (count < ordered.length && wanted > 0) {
    if ((ordered[count] ?? "").trim() !== "") wanted--;
    count++;
  }
  if ((words.at(-1) ?? "").trim() === "") {
    while (count < ordered.length && (ordered[count] ?? "").trim() === "") count++;
  }
  return count;
}

/** Shifts `lines` by the indentation the program's region has over the SEARCH text's. */
function reindent(lines: string[], region: readonly string[], search: readonly string[]) {
  const indent = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? "";
  const programLine = region.find((line) => line.trim() !== "");
  const searchLine = search.find((line) => line.trim() !== "");
  if (programLine === undefined || searchLine === undefined) return lines;
  const have = indent(programLine);
  const wrote = indent(searchLine);
  if (have === wrote) return lines;
  if (have.endsWith(wrote)) {
    const extra = have.slice(0, have.length - wrote.length);
    return lines.map((line) => (line.trim() === "" ? line : extra + line));
  }
  if (wrote.endsWith(have)) {
    const extra = wrote.slice(0, wrote.length - have.length);
    return lines.map((line) => (line.startsWith(extra) ? line.slice(extra.length) : line));
  }
  return lines;
}
