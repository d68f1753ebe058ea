/**
 * How a program splits around its EVOLVE-BLOCK markers: fixed segments (which
 * include the marker lines) alternating with editable interiors,
 *
 *   fixed[0] interior[0] fixed[1] interior[1] ... fixed[n]
 *
 * A marker is any line that contains `EVOLVE-BLOCK-START` or `EVOLVE-BLOCK-END`,
 * whatever comment syntax surrounds it (`//`, `#`, `--`, `/* *\/`, `<!-- -->`).
 * Lines end at "\n", so a "\r\n" line keeps its "\r" in the text.
 */
import { StewardError } from "../errors.ts";

export const START_TOKEN = "EVOLVE-BLOCK-START";
export const END_TOKEN = "EVOLVE-BLOCK-END";

/** Malformed markers, with the 1-based line at fault. */
export class MarkersError extends StewardError {
  readonly line: number;
  /** The message without the "line N: " prefix. */
  readonly reason: string;

  constructor(line: number, reason: string) {
    super("markers-invalid", `line ${line}: ${reason}`);
    this.name = "MarkersError";
    this.line = line;
    this.reason = reason;
  }
}

export interface Layout {
  /** False when the file has no markers: then it is one editable interior. */
  hasMarkers: boolean;
  /** n + 1 fixed segments around n interiors; "" around a marker-less file. */
  fixed: string[];
  /** 1-based line where each fixed segment starts. */
  fixedLines: number[];
  interiors: { firstLine: number; lastLine: number; text: string }[];
}

/** The program's lines, each with its "\n" (the last may have none). */
export function splitLines(code: string): string[] {
  return code.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Splits `code` around its markers; throws `MarkersError` when they are malformed. */
export function layoutOf(code: string): Layout {
  const lines = splitLines(code);
  const pairs = markerPairs(lines);
  if (pairs.length === 0) {
    return {
      hasMarkers: false,
      fixed: ["", ""],
      fixedLines: [1, lines.length + 1],
      interiors: [{ firstLine: 1, lastLine: lines.length, text: code }],
    };
  }
  const join = (from: number, to: number) => lines.slice(from, to).join("");
  const layout: Layout = { hasMarkers: true, fixed: [], fixedLines: [], interiors: [] };
  let fixedFrom = 0;
  for (const [start, end] of pairs) {
    layout.fixed.push(join(fixedFrom, start + 1));
    layout.fixedLines.push(fixedFrom + 1);
    layout.interiors.push({ firstLine: start + 2, lastLine: end, text: join(start + 1, end) });
    fixedFrom = end;
  }
  layout.fixed.push(join(fixedFrom, lines.length));
  layout.fixedLines.push(fixedFrom + 1);
  return layout;
}

/** 0-based [start, end] line indexes of each START/END marker pair. */
function markerPairs(lines: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let open: number | null = null;
  for (const [i, line] of lines.entries()) {
    const isStart = line.includes(START_TOKEN);
    const isEnd = line.includes(END_TOKEN);
    if (isStart && isEnd) {
      throw new MarkersError(
        i + 1,
        `${START_TOKEN} and ${END_TOKEN} on one line; put each on its own line`,
      );
    }
    if (isStart) {
      if (open !== null) {
        throw new MarkersError(
          i + 1,
          `${START_TOKEN} inside the block opened at line ${open + 1} (blocks cannot nest); close it with ${END_TOKEN} first`,
        );
      }
      open = i;
    } else if (isEnd) {
      if (open === null) {
        throw new MarkersError(i + 1, `${END_TOKEN} without an ${START_TOKEN} before it`);
      }
      pairs.push([open, i]);
      open = null;
    }
  }
  if (open !== null) {
    throw new MarkersError(open + 1, `${START_TOKEN} is never closed by an ${END_TOKEN}`);
  }
  return pairs;
}
