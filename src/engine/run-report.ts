/** Summaries of a problem's runs from the store, for `steward status` and `steward best`. */

import { objectiveOf } from "../evaluation/fitness.ts";
import type { OutcomeKind } from "../evaluation/outcome.ts";
import type { Charter } from "../problem/charter.ts";
import type { CandidateRecord, RunRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";

export interface RunReport {
  id: number;
  status: RunRecord["status"];
  stopReason: string | null;
  seed: number;
  createdAt: string;
  elapsedMs: number;
  candidates: number;
  evaluated: number;
  outcomes: Partial<Record<OutcomeKind, number>>;
  seedObjective: number | null;
  best: { programId: number; objective: number; operator: string; generation: number } | null;
}

export function reportRuns(store: Store, charter: Charter): RunReport[] {
  return store.runs.list().map((run) => reportRun(run, store.runs.candidates(run.id), charter));
}

/** One run's summary from its candidates (the dashboard passes candidates it keeps cached). */
export function reportRun(
  run: RunRecord,
  candidates: readonly CandidateRecord[],
  charter: Charter,
): RunReport {
  const outcomes: Partial<Record<OutcomeKind, number>> = {};
  let evaluated = 0;
  let seedObjective: number | null = null;
  let best: RunReport["best"] = null;
  let bestFitness = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    if (c.outcome === null) continue;
    evaluated++;
    outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
    if (c.fitness === null) continue;
    if (c.parentId === null) seedObjective = objectiveOf(c.fitness, charter);
    if (c.fitness > bestFitness) {
      bestFitness = c.fitness;
      best = {
        programId: c.programId,
        objective: objectiveOf(c.fitness, charter),
        operator: c.operator,
        generation: c.generation,
      };
    }
  }
  return {
    id: run.id,
    status: run.status,
    stopReason: run.stopReason,
    seed: run.seed,
    createdAt: run.createdAt,
    elapsedMs: run.elapsedMs,
    candidates: candidates.length,
    evaluated,
    outcomes,
    seedObjective,
    best,
  };
}

/** The best program over all runs, with the run it came from. */
export function bestOverall(reports: readonly RunReport[], charter: Charter) {
  let found: { run: RunReport; best: NonNullable<RunReport["best"]> } | null = null;
  for (const run of reports) {
    if (!run.best) continue;
    const better =
      !found ||
      (charter.objective.direction === "minimize"
        ? run.best.objective < found.best.objective
        : run.best.objective > found.best.objective);
    if (better) found = { run, best: run.best };
  }
  return found;
}
