/**
 * Keeps edits inside the EVOLVE-BLOCKs: a SEARCH/REPLACE pair may only change
 * lines of one block's interior and may not remove or add marker lines; a whole
 * result is checked against the parent with `changedOutsideBlocks`.
 */
import { END_TOKEN, layoutOf, START_TOKEN } from "../../../problem/marker-layout.ts";
import { changedOutsideBlocks } from "../../../problem/markers.ts";
import type { Splice } from "./splice.ts";
import { type EditOutcome, failure, quoteLine } from "./types.ts";

export function isMarkerLine(line: string): boolean {
  return line.includes(START_TOKEN) || line.includes(END_TOKEN);
}

/** Why splicing `splice` into `code` (split into `lines`) leaves the blocks, or null. */
export function spliceViolation(
  code: string,
  lines: readonly string[],
  splice: Splice,
  label: string,
): EditOutcome | null {
  if (splice.from === splice.to && splice.inserted.length === 0) return null;
  const layout = layoutOf(code);
  if (!layout.hasMarkers) {
    const added = splice.inserted.find(isMarkerLine);
    return added === undefined
      ? null
      : failure(
          "markers",
          `${label} adds the marker line ${quoteLine(added)}; the program has no EVOLVE-BLOCK markers`,
        );
  }
  const changed = lines.slice(splice.from, splice.to);
  const removed = changed.findIndex(isMarkerLine);
  const added = splice.inserted.filter(isMarkerLine);
  const removedCount = changed.filter(isMarkerLine).length;
  if (removedCount !== added.length) {
    if (removed >= 0) {
      const at = splice.from + removed;
      return failure(
        "markers",
        `${label} removes or changes the EVOLVE-BLOCK marker on line ${at + 1} (${quoteLine(lines[at] ?? "")}); keep marker lines exactly as they are`,
      );
    }
    return failure("markers", `${label} adds the marker line ${quoteLine(added[0] ?? "")}`);
  }
  const inside = layout.interiors.some(
    (b) => b.firstLine - 1 <= splice.from && splice.to <= b.lastLine,
  );
  if (inside) return null;
  const outside = firstOutside(layout.interiors, splice);
  return failure(
    "outside-blocks",
    outside === null
      ? `${label} inserts lines before line ${splice.from + 1}, which is outside the EVOLVE-BLOCKs`
      : `${label} changes line ${outside + 1} (${quoteLine(lines[outside] ?? "")}), which is outside the EVOLVE-BLOCKs${removed >= 0 ? "; use one SEARCH/REPLACE per block" : ""}`,
  );
}

/** The first changed 0-based line outside every interior, or null for a pure insertion. */
function firstOutside(
  interiors: readonly { firstLine: number; lastLine: number }[],
  splice: Splice,
): number | null {
  for (let line = splice.from; line < splice.to; line++) {
    if (!interiors.some((b) => b.firstLine - 1 <= line && line < b.lastLine)) return line;
  }
  return null;
}

/** Why `code` is not a valid edit of `parent` (markers, bytes outside the blocks), or null. */
export function resultViolation(parent: string, code: string): EditOutcome | null {
  const check = changedOutsideBlocks(parent, code);
  if (check.ok) return null;
  let sameBlocks = false;
  try {
    const [before, after] = [layoutOf(parent), layoutOf(code)];
    sameBlocks =
      before.hasMarkers === after.hasMarkers && before.interiors.length === after.interiors.length;
  } catch {
    sameBlocks = false;
  }
  return sameBlocks
    ? failure(
        "outside-blocks",
        `the result changes line ${check.line}, outside the EVOLVE-BLOCKs: ${check.reason}`,
      )
    : failure(
        "markers",
        `the result's EVOLVE-BLOCK markers are wrong at line ${check.line}: ${check.reason}`,
      );
}
