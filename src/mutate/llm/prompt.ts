/**
 * The prompts an LLM mutator sends: one to propose a change to a parent
 * (`mutatePrompt`) and one to fix a candidate that failed (`repairPrompt`),
 * both rendered from the templates with bounded sections. The model sees the
 * problem text, the objective, programs and their metrics, never evaluator code
 * or holdout data.
 */
import type { MutationRequest } from "../mutator.ts";
import {
  clip,
  editFeedbackSection,
  failuresSection,
  fenceOf,
  inspirationsSection,
  languageName,
  metaNotesSection,
  metricsText,
  objectiveText,
} from "./prompt-sections.ts";
import { type PromptTemplates, renderTemplate } from "./templates.ts";

export interface Prompt {
  system: string;
  prompt: string;
}

export type ProblemView = MutationRequest["problem"];

export interface MutatePromptInput {
  parent: MutationRequest["parent"];
  inspirations: MutationRequest["inspirations"];
  problem: ProblemView;
  /** The lineage's recent failures, newest first. */
  feedback: readonly string[];
  /** The run's meta-notes ("" for none). */
  metaNotes: string;
  /** Why the previous reply's edit could not be applied ("" on the first try). */
  editFeedback: string;
}

export interface RepairPromptInput {
  problem: ProblemView;
  /** The whole candidate that failed. */
  failedCode: string;
  /** Its compile error, exception or timeout, as the evaluation reported it. */
  error: string;
  editFeedback: string;
}

/** Most characters of a failure's error text in a repair prompt. */
const REPAIR_ERROR_CHARS = 3_000;

export function mutatePrompt(templates: PromptTemplates, input: MutatePromptInput): Prompt {
  const common = commonValues(input.problem);
  return {
    system: renderTemplate(templates.system, common),
    prompt: renderTemplate(templates.mutate, {
      ...common,
      parent_code: input.parent.code.trimEnd(),
      parent_metrics: metricsText(input.parent.metrics),
      inspirations: inspirationsSection(input.inspirations, common.fence),
      failures: failuresSection(input.feedback),
      meta_notes: metaNotesSection(input.metaNotes),
      edit_feedback: editFeedbackSection(input.editFeedback),
    }),
  };
}

export function repairPrompt(templates: PromptTemplates, input: RepairPromptInput): Prompt {
  const common = commonValues(input.problem);
  return {
    system: renderTemplate(templates.system, common),
    prompt: renderTemplate(templates.repair, {
      ...common,
      failed_code: input.failedCode.trimEnd(),
      error: clip(input.error.trim(), REPAIR_ERROR_CHARS),
      edit_feedback: editFeedbackSection(input.editFeedback),
    }),
  };
}

function commonValues(problem: ProblemView) {
  return {
    language: languageName(problem.language),
    fence: fenceOf(problem.language),
    description: problem.description.trim(),
    objective: objectiveText(problem.objective),
  };
}
