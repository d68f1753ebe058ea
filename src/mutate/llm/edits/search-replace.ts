/**
 * Applies SEARCH/REPLACE blocks in order, each against the text the ones
 * before it produced. Each must match exactly one place (see `locate.ts`) and
 * change only lines inside one EVOLVE-BLOCK (see `guard.ts`).
 */
import { splitLines } from "../../../problem/marker-layout.ts";
import { spliceViolation } from "./guard.ts";
import { closestLine, locate } from "./locate.ts";
import type { SearchReplaceEdit } from "./parse-reply.ts";
import { spliceOf } from "./splice.ts";
import { type EditOutcome, failure, quoteLine } from "./types.ts";

export function applySearchReplace(
  parent: string,
  edits: readonly SearchReplaceEdit[],
): EditOutcome {
  let code = parent;
  for (const edit of edits) {
    const label = `SEARCH/REPLACE block ${edit.index}`;
    const firstLine = edit.search.find((line) => line.trim() !== "");
    if (firstLine === undefined) {
      return failure(
        "malformed",
        `SEARCH block ${edit.index} is empty: copy the exact lines to change from the program`,
      );
    }
    const lines = splitLines(code);
    const found = locate(lines, edit.search);
    const after = edit.index > 1 ? ` (after applying blocks 1-${edit.index - 1})` : "";
    if (found.found === "none") {
      const closest = closestLine(lines, firstLine);
      const hint = closest
        ? `; the closest line in the program is line ${closest.line}: ${quoteLine(closest.text)}`
        : "";
      return failure(
        "no-match",
        `SEARCH block ${edit.index} matches nothing${after}; its first line was: ${quoteLine(firstLine)}${hint}`,
      );
    }
    if (found.found === "many") {
      return failure(
        "ambiguous",
        `SEARCH block ${edit.index} matches ${found.lines.length} places${after} (starting on lines ${found.lines.join(", ")}); its first line was: ${quoteLine(firstLine)}`,
      );
    }
    const splice = spliceOf(lines, found.location, edit);
    const violation = spliceViolation(code, lines, splice, label);
    if (violation) return violation;
    code = lines.slice(0, splice.from).join("") + splice.text + lines.slice(splice.to).join("");
  }
  return { ok: true, code, edits: edits.length };
}
