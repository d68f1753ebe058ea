/**
 * Splits an LLM reply into SEARCH/REPLACE blocks (Aider's format, inside or
 * outside ``` fences), fenced code blocks and prose:
 *
 *   <<<<<<< SEARCH
 *   old lines
 *   =======
 *   new lines
 *   >>>>>>> REPLACE
 *
 * Markers may have 5 to 9 angle brackets or equals signs and surrounding
 * spaces. The prose (outside fences and blocks) is the rationale. A reply cut
 * off inside a block or a fence is malformed rather than half-applied.
 */

export interface SearchReplaceEdit {
  /** 1-based position among the reply's SEARCH/REPLACE blocks. */
  index: number;
  /** Lines of the SEARCH section, without line breaks. */
  search: string[];
  /** Lines of the REPLACE section, without line breaks. */
  replace: string[];
}

export interface FencedCode {
  /** 1-based reply line of the opening fence. */
  line: number;
  lines: string[];
}

export interface ParsedReply {
  rationale: string;
  edits: SearchReplaceEdit[];
  /** Fenced code blocks that hold no SEARCH/REPLACE block, in order. */
  fences: FencedCode[];
  /** Why the reply is malformed, or null. */
  malformed: string | null;
}

const SEARCH = /^[ \t]*<{5,9}[ \t]*SEARCH[ \t]*$/;
const DIVIDER = /^[ \t]*={5,9}[ \t]*$/;
const REPLACE = /^[ \t]*>{5,9}[ \t]*REPLACE[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})(.*)$/;

interface OpenFence extends FencedCode {
  marker: string;
  hasEdits: boolean;
}

type State = "prose" | "fence" | "search" | "replace";

export function parseReply(reply: string): ParsedReply {
  const lines = reply.replace(/\r\n?/g, "\n").split("\n");
  const prose: string[] = [];
  const parsed: ParsedReply = { rationale: "", edits: [], fences: [], malformed: null };
  let state: State = "prose";
  let fence: OpenFence | null = null;
  let edit: SearchReplaceEdit | null = null;
  for (const [i, line] of lines.entries()) {
    if (edit && (state === "search" || state === "replace")) {
      const open = edit;
      if (state === "search" && DIVIDER.test(line)) state = "replace";
      else if (state === "replace" && REPLACE.test(line)) {
        parsed.edits.push(open);
        state = fence ? "fence" : "prose";
      } else if (SEARCH.test(line) || REPLACE.test(line)) {
        parsed.malformed = `SEARCH block ${open.index} has no ${state === "search" ? '"=======" divider' : '">>>>>>> REPLACE" line'} before reply line ${i + 1}`;
        break;
      } else (state === "search" ? open.search : open.replace).push(line);
    } else if (SEARCH.test(line)) {
      if (fence) fence.hasEdits = true;
      edit = { index: parsed.edits.length + 1, search: [], replace: [] };
      state = "search";
    } else if (REPLACE.test(line)) {
      parsed.malformed = `reply line ${i + 1} has ">>>>>>> REPLACE" without a "<<<<<<< SEARCH" before it`;
      break;
    } else if (fence) {
      if (closes(fence.marker, line)) {
        if (!fence.hasEdits) parsed.fences.push({ line: fence.line, lines: fence.lines });
        fence = null;
        state = "prose";
      } else fence.lines.push(line);
    } else {
      const open = FENCE.exec(line);
      const marker = open?.[1];
      if (marker && !(marker.startsWith("`") && open[2]?.includes("`"))) {
        fence = { line: i + 1, lines: [], marker, hasEdits: false };
        state = "fence";
      } else prose.push(line);
    }
  }
  if (!parsed.malformed) parsed.malformed = unclosed(state, edit, fence);
  parsed.rationale = prose
    .join("\n")
    .replace(/\n[ \t]*(\n[ \t]*)+\n/g, "\n\n")
    .trim();
  return parsed;
}

function closes(marker: string, line: string): boolean {
  const match = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
  return match !== undefined && match[0] === marker[0] && match.length >= marker.length;
}

function unclosed(
  state: State,
  edit: SearchReplaceEdit | null,
  fence: OpenFence | null,
): string | null {
  if ((state === "search" || state === "replace") && edit) {
    return `SEARCH block ${edit.index} is never closed by ">>>>>>> REPLACE" (the reply may be cut off)`;
  }
  if (fence) {
    return `the code fence opened at reply line ${fence.line} is never closed (the reply may be cut off)`;
  }
  return null;
}
