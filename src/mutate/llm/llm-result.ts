/**
 * What LLM mutators return: a MutationResult whose failures also carry a typed
 * `failure` saying where it came from: the budget (the run must stop calling
 * models), the model call (after retries), or the reply's edit (after the one
 * retry with feedback). The `reason` and `message` follow the Mutator contract;
 * a budget failure's message starts with "budget:".
 */
import type { CallFailureReason } from "../../llm/call-model.ts";
import type { ModelFailureReason } from "../../llm/model-error.ts";
import type { MutationResult } from "../mutator.ts";
import type { EditFailure } from "./edits/index.ts";

export type LlmFailure =
  | { kind: "budget" }
  | { kind: "call"; reason: ModelFailureReason }
  | { kind: "edit"; reason: EditFailure };

export type LlmRefusal = Extract<MutationResult, { ok: false }> & { failure: LlmFailure };

export type LlmMutationResult = Extract<MutationResult, { ok: true }> | LlmRefusal;

/** True when a mutator gave up because the money or token budget is spent. */
export function isBudgetExhausted(result: MutationResult): boolean {
  const failure = (result as Partial<LlmRefusal>).failure;
  return !result.ok && failure?.kind === "budget";
}

export function callRefusal(reason: CallFailureReason, message: string): LlmRefusal {
  if (reason === "budget") {
    return {
      ok: false,
      reason: "refused",
      message: `budget: ${message}`,
      failure: { kind: "budget" },
    };
  }
  return { ok: false, reason: "error", message, failure: { kind: "call", reason } };
}

export function editRefusal(reason: EditFailure, message: string): LlmRefusal {
  return {
    ok: false,
    reason: reason === "no-change" ? "no-change" : "refused",
    message: `the model's edit could not be applied (${reason}): ${message}`,
    failure: { kind: "edit", reason },
  };
}
