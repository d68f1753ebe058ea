/**
 * Acknowledging an evaluation: what one finished evaluation changes. Its
 * fitness and feature cell are computed, the mutators are told (and give the
 * bandit's reward), the result is stored with the candidate, the population
 * takes it in, the time limit learns its duration, and the overseer sees it
 * (a seed to adopt, a new best to gate). Once stored, a resumed run never
 * evaluates the candidate again.
 */
import { fitnessOf } from "../evaluation/fitness.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { featuresFor } from "../population/features.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { RunParts } from "./start-run.ts";

/** Records the outcome everywhere it belongs; returns whether the candidate is the new best. */
export function acknowledgeEvaluation(
  run: Pick<
    RunParts,
    "problem" | "store" | "state" | "source" | "timeLimit" | "overseer" | "populationSettings"
  >,
  candidate: CandidateRecord,
  code: string,
  outcome: EvaluationOutcome,
): boolean {
  const { problem, store, state, overseer, timeLimit } = run;
  const { charter } = problem;
  const fitness = outcome.outcome === "ok" ? fitnessOf(outcome.metrics, charter) : null;
  const { features } = featuresFor(run.populationSettings.dimensions, {
    code,
    metrics: outcome.metrics,
    language: charter.language,
  });
  const reward = run.source.acknowledged({ ...candidate, code, outcome, fitness });
  store.runs.recordEvaluation(candidate.id, outcome, { fitness, features, reward });
  const bestBefore = state.bestObjective;
  const isNewBest = state.accept({
    ...candidate,
    outcome: outcome.outcome,
    metrics: outcome.metrics,
    fitness,
    features,
    evaluationId: -1,
  });
  timeLimit.evaluated(outcome);
  if (state.bestProgramId === candidate.programId) timeLimit.championEvaluated(outcome);
  if (candidate.mutator === "seed") overseer.seedEvaluated(candidate.programId, outcome);
  if (isNewBest && state.bestObjective !== null)
    overseer.bestImproved(bestBefore, state.bestObjective);
  overseer.observe({
    programId: candidate.programId,
    code,
    outcome,
    mutator: candidate.mutator,
    operator: candidate.operator,
    rationale: candidate.rationale,
  });
  return isNewBest;
}
