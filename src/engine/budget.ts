/** When a run must stop on its own: evaluations, wall time, or a target score. */

import { isBetter } from "../evaluation/fitness.ts";
import type { Charter } from "../problem/charter.ts";

export interface Budget {
  /** Evaluations in the run, counted over all sessions (resumes). */
  maxEvals: number | null;
  /** Wall time of the run in ms, summed over sessions. */
  maxTimeMs: number | null;
  /** Stop once the best objective reaches this value (in the objective's direction). */
  target: number | null;
}

/** "max-spend": the LLM money or token budget ran out (see SpendBudget). */
export type BudgetStop = "max-evals" | "max-time" | "target" | "max-spend";

export function budgetStop(
  budget: Budget,
  state: { evaluated: number; elapsedMs: number; bestObjective: number | null },
  charter: Charter,
): BudgetStop | null {
  if (budget.maxEvals !== null && state.evaluated >= budget.maxEvals) return "max-evals";
  if (budget.maxTimeMs !== null && state.elapsedMs >= budget.maxTimeMs) return "max-time";
  if (budget.target !== null && state.bestObjective !== null) {
    const reached =
      state.bestObjective === budget.target ||
      isBetter(state.bestObjective, budget.target, charter);
    if (reached) return "target";
  }
  return null;
}
