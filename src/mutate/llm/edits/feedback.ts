/**
 * The short text that tells the model why its edit failed and how to fix it,
 * for the one retry it gets.
 */
import type { EditFailure, EditResult } from "./types.ts";

const HINTS: Record<EditFailure, string> = {
  "no-code":
    "Reply with SEARCH/REPLACE blocks, or with the complete new EVOLVE-BLOCK content in one fenced code block.",
  "no-match":
    "Copy the SEARCH lines exactly from the current program, including indentation and comments.",
  ambiguous: "Add surrounding lines to the SEARCH text so that it matches exactly one place.",
  "outside-blocks":
    "Change only the lines between EVOLVE-BLOCK-START and EVOLVE-BLOCK-END; everything else must stay as it is.",
  "no-change": "The edit changed nothing; propose an actual change to the code.",
  malformed:
    'Each "<<<<<<< SEARCH" needs a "=======" line and a ">>>>>>> REPLACE" line, and every ``` fence must be closed. Keep the reply short enough to finish.',
  markers: "Keep the EVOLVE-BLOCK-START and EVOLVE-BLOCK-END marker lines exactly as they are.",
};

/** "" for a success; otherwise what went wrong and what to do, in two lines. */
export function formatEditFeedback(result: EditResult): string {
  if (result.ok) return "";
  return `Your edit could not be applied: ${result.message}.\n${HINTS[result.reason]}`;
}
