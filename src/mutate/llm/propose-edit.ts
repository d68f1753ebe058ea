/**
 * One proposal from a model: send the prompt, apply the reply's edit to the
 * code, and if the edit cannot be applied, ask once more with the reason in the
 * prompt. Shared by mutation and repair.
 */
import { type CallDeps, callModel } from "../../llm/call-model.ts";
import type { CallPurpose } from "../../llm/language-model.ts";
import type { MutatorConfig } from "../../problem/charter-mutators.ts";
import type { Rng } from "../../util/rng.ts";
import { applyReply, formatEditFeedback } from "./edits/index.ts";
import { callRefusal, editRefusal, type LlmMutationResult } from "./llm-result.ts";
import type { Prompt } from "./prompt.ts";

/** Replies per proposal: the first, and one retry with the edit's feedback. */
export const EDIT_ATTEMPTS = 2;

export interface ProposeInput {
  /** The code the reply's edits apply to. */
  code: string;
  /** The prompt, given the feedback on the previous reply ("" the first time). */
  prompt: (editFeedback: string) => Prompt;
  purpose: CallPurpose;
  /** The operator name recorded for a success. */
  operator: string;
  rng: Rng;
  signal?: AbortSignal;
}

export type ProposeDeps = Omit<CallDeps, "rng"> & { config: MutatorConfig };

export async function proposeEdit(
  deps: ProposeDeps,
  input: ProposeInput,
): Promise<LlmMutationResult> {
  let feedback = "";
  let refusal: LlmMutationResult | null = null;
  for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
    const { system, prompt } = input.prompt(feedback);
    const call = await callModel(
      { ...deps, rng: input.rng },
      {
        system,
        prompt,
        maxTokens: deps.config.maxTokens,
        temperature: deps.config.temperature,
        timeoutMs: deps.config.timeoutMs,
        purpose: input.purpose,
        ...(input.signal ? { signal: input.signal } : {}),
      },
    );
    if (!call.ok) return callRefusal(call.reason, call.message);
    const edit = applyReply(input.code, call.reply.text);
    if (edit.ok) {
      return {
        ok: true,
        code: edit.code,
        operator: input.operator,
        ...(edit.rationale ? { rationale: edit.rationale } : {}),
      };
    }
    refusal = editRefusal(edit.reason, edit.message);
    feedback = formatEditFeedback(edit);
  }
  return refusal ?? editRefusal("no-code", "the model gave no reply");
}
