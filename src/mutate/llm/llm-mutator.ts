/**
 * The LLM mutator: asks one model (a charter `mutators` entry) for a
 * SEARCH/REPLACE edit or block rewrite of the parent, applies it with
 * `applyReply`, and gives the model one retry with feedback when the edit does
 * not apply. `repair` asks the same model to fix a candidate that failed to
 * compile or crashed. Every call goes through `callModel`: budgeted, timed,
 * retried, logged.
 */
import type { CallLog } from "../../llm/call-log.ts";
import type { ModelClient } from "../../llm/language-model.ts";
import type { RetryPolicy } from "../../llm/retry-policy.ts";
import type { SpendBudget } from "../../llm/spend-budget.ts";
import type { MutatorConfig } from "../../problem/charter-mutators.ts";
import type { MutationRequest, Mutator, RepairRequest } from "../mutator.ts";
import type { LlmMutationResult } from "./llm-result.ts";
import { mutatePrompt, repairPrompt } from "./prompt.ts";
import { type ProposeDeps, proposeEdit } from "./propose-edit.ts";
import type { PromptTemplates } from "./templates.ts";

export interface LlmMutatorOptions {
  /** The client for `config.model` (see `createModelClient`). */
  client: ModelClient;
  config: MutatorConfig;
  budget: SpendBudget;
  callLog: CallLog;
  /** From `loadTemplates(problemDir)`. */
  templates: PromptTemplates;
  /** The run's current meta-notes, read at each mutation ("" or absent for none). */
  metaNotes?: () => string;
  /** Overrides of the retry policy (tests use short delays). */
  retry?: Partial<RetryPolicy>;
}

export interface LlmMutator extends Mutator {
  /** The model spec, also the operator of its mutations. */
  readonly model: string;
  mutate(request: MutationRequest): Promise<LlmMutationResult>;
  /** A fixed version of a failed candidate; its operator is "<model>:repair". */
  repair(request: RepairRequest): Promise<LlmMutationResult>;
}

export function createLlmMutator(options: LlmMutatorOptions): LlmMutator {
  const { config, templates } = options;
  const deps: ProposeDeps = {
    client: options.client,
    budget: options.budget,
    log: options.callLog,
    config,
    ...(options.retry ? { retry: options.retry } : {}),
  };
  const signalOf = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
  return {
    name: config.model,
    model: config.model,
    mutate: (request) =>
      proposeEdit(deps, {
        code: request.parent.code,
        prompt: (editFeedback) =>
          mutatePrompt(templates, {
            parent: request.parent,
            inspirations: request.inspirations,
            problem: request.problem,
            feedback: request.feedback,
            metaNotes: options.metaNotes?.() ?? "",
            editFeedback,
          }),
        purpose: "mutate",
        operator: config.model,
        rng: request.rng,
        ...signalOf(request.signal),
      }),
    repair: (request) =>
      proposeEdit(deps, {
        code: request.code,
        prompt: (editFeedback) =>
          repairPrompt(templates, {
            problem: request.problem,
            failedCode: request.code,
            error: request.error,
            editFeedback,
          }),
        purpose: "repair",
        operator: `${config.model}:repair`,
        rng: request.rng,
        ...signalOf(request.signal),
      }),
  };
}
