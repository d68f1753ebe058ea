/**
 * What a lineage has got wrong lately: the failures of each parent's children
 * (compile errors, exceptions, timeouts), newest first, handed to the mutator
 * the next time that parent is chosen, so it does not repeat them.
 */
import type { EvaluationOutcome } from "../evaluation/outcome.ts";

/** Failures kept per parent. */
const FEEDBACK_ENTRIES = 3;
/** Characters kept per failure: enough for an error and the end of stderr. */
const FEEDBACK_CHARS = 600;

export class LineageFeedback {
  readonly #failures = new Map<number, string[]>();

  /** A child of `parentId` failed with `error` (see `describeFailure`). */
  failed(parentId: number, error: string): void {
    const list = [error, ...(this.#failures.get(parentId) ?? [])];
    this.#failures.set(parentId, list.slice(0, FEEDBACK_ENTRIES));
  }

  /** The recent failures of a parent's children, newest first. */
  of(parentId: number): readonly string[] {
    return this.#failures.get(parentId) ?? [];
  }
}

/** A failed evaluation in a few lines: its kind, message and the end of its stderr. */
export function describeFailure(outcome: EvaluationOutcome): string {
  const stderr = outcome.stderr.trim();
  const text = `${outcome.outcome}: ${outcome.error?.message ?? "no message"}${stderr ? `\nstderr: ${stderr.slice(-300)}` : ""}`;
  return text.length > FEEDBACK_CHARS ? `${text.slice(0, FEEDBACK_CHARS)}...` : text;
}
