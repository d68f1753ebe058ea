/**
 * Meta-notes: every so many evaluations (the charter's `meta_notes.every`) a
 * model reads the recent results and writes a few short notes on what worked;
 * later mutation prompts include them. The notes are plain text, bounded, with
 * any code removed: they steer, they do not edit.
 */

import type { Metrics } from "../../evaluation/outcome.ts";
import { type CallDeps, callModel } from "../../llm/call-model.ts";
import type { MutatorConfig } from "../../problem/charter-mutators.ts";
import type { Rng } from "../../util/rng.ts";
import { callRefusal, type LlmRefusal } from "./llm-result.ts";
import type { ProblemView } from "./prompt.ts";
import { clip, LIMITS, metricsText, objectiveText } from "./prompt-sections.ts";
import { type PromptTemplates, renderTemplate } from "./templates.ts";

export interface RecentResult {
  /** What produced the candidate: its mutator's operator. */
  operator: string;
  /** "improved": beat its parent; "kept": scored without improving; "failed": not scored. */
  outcome: "improved" | "kept" | "failed";
  metrics: Metrics | null;
  /** The mutator's rationale, or why it failed. */
  note: string;
}

export interface MetaNotesInput {
  problem: ProblemView;
  /** The results since the last notes, newest first. */
  recent: readonly RecentResult[];
  /** The notes so far ("" for none). */
  previousNotes: string;
  rng: Rng;
  signal?: AbortSignal;
}

export type MetaNotesResult = { ok: true; notes: string } | LlmRefusal;

export interface MetaNotesOptions extends Omit<CallDeps, "rng"> {
  /** The model's settings: `meta_notes.model`, or the first LLM mutator's entry. */
  config: MutatorConfig;
  templates: PromptTemplates;
}

const SYSTEM =
  "You follow an automated search for better programs and keep short, concrete notes for the people and models proposing the next changes.";
const MAX_RESULTS = 30;
const RESULT_NOTE_CHARS = 200;

/** Asks the model for new notes; a failed call leaves the caller's old notes in place. */
export async function summariseResults(
  options: MetaNotesOptions,
  input: MetaNotesInput,
): Promise<MetaNotesResult> {
  const prompt = renderTemplate(options.templates["meta-notes"], {
    description: input.problem.description.trim(),
    objective: objectiveText(input.problem.objective),
    previous_notes: input.previousNotes.trim() || "(none yet)",
    results: resultsText(input.recent),
    max_chars: String(LIMITS.notesChars),
  });
  const call = await callModel(
    { ...options, rng: input.rng },
    {
      system: SYSTEM,
      prompt,
      maxTokens: Math.min(options.config.maxTokens, 1024),
      temperature: options.config.temperature,
      timeoutMs: options.config.timeoutMs,
      purpose: "meta-notes",
      ...(input.signal ? { signal: input.signal } : {}),
    },
  );
  if (!call.ok) return callRefusal(call.reason, call.message);
  return { ok: true, notes: cleanNotes(call.reply.text) };
}

function resultsText(recent: readonly RecentResult[]): string {
  if (recent.length === 0) return "(no results yet)";
  return recent
    .slice(0, MAX_RESULTS)
    .map((r) => {
      const note = clip(r.note.replace(/\s+/g, " ").trim(), RESULT_NOTE_CHARS);
      return `- ${r.outcome} (${metricsText(r.metrics)}; by ${r.operator})${note ? `: ${note}` : ""}`;
    })
    .join("\n");
}

/** The notes without code blocks, bounded. */
export function cleanNotes(text: string): string {
  const withoutCode = text.replace(/```[\s\S]*?(```|$)/g, "").replace(/\n{3,}/g, "\n\n");
  return clip(withoutCode.trim(), LIMITS.notesChars);
}
