/**
 * Applies an LLM reply to a parent program: SEARCH/REPLACE blocks if the reply
 * has any (`search-replace.ts`), otherwise a full rewrite from its fenced code
 * (`block-rewrite.ts`). Pure: the same parent and reply give the same result,
 * and a reply never makes it throw. The result either is a program that
 * differs from the parent only inside its EVOLVE-BLOCKs, or a typed failure
 * with a message to send back to the model (see `formatEditFeedback`).
 */
import { layoutOf, MarkersError } from "../../../problem/marker-layout.ts";
import { applyBlockRewrite } from "./block-rewrite.ts";
import { resultViolation } from "./guard.ts";
import { parseReply } from "./parse-reply.ts";
import { applySearchReplace } from "./search-replace.ts";
import type { EditKind, EditOutcome, EditResult } from "./types.ts";

export function applyReply(parentCode: string, reply: string): EditResult {
  const parsed = parseReply(reply);
  const rationale = parsed.rationale;
  if (parsed.malformed) {
    return { ok: false, reason: "malformed", message: parsed.malformed, rationale };
  }
  try {
    layoutOf(parentCode);
  } catch (error) {
    if (!(error instanceof MarkersError)) throw error;
    const message = `the parent program's EVOLVE-BLOCK markers are invalid (${error.message}); no edit can be applied`;
    return { ok: false, reason: "markers", message, rationale };
  }
  const kind: EditKind = parsed.edits.length > 0 ? "search-replace" : "block-rewrite";
  let outcome: EditOutcome;
  if (kind === "search-replace") outcome = applySearchReplace(parentCode, parsed.edits);
  else if (parsed.fences.length > 0) outcome = applyBlockRewrite(parentCode, parsed.fences);
  else {
    outcome = {
      ok: false,
      reason: "no-code",
      message: "the reply has no SEARCH/REPLACE block and no fenced code block",
    };
  }
  if (outcome.ok) outcome = resultViolation(parentCode, outcome.code) ?? outcome;
  if (outcome.ok && outcome.code === parentCode) {
    const message =
      kind === "search-replace"
        ? "the SEARCH/REPLACE blocks leave the program exactly as it was"
        : "the reply's code is the same as the current block";
    outcome = { ok: false, reason: "no-change", message };
  }
  if (!outcome.ok) return { ...outcome, rationale };
  return { ok: true, code: outcome.code, rationale, edits: outcome.edits, kind };
}
