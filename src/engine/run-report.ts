/** Summaries of a problem's runs from the store, for `steward status` and `steward best`. */

import { objectiveOf } from "../evaluation/fitness.ts";
import type { OutcomeKind } from "../evaluation/outcome.ts";
import type { Charter } from "../problem/charter.ts";
import type { CandidateRecord, RunRecord, RunTallies } from "../store/run-store.ts";
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
  return store.runs.list().map((run) => reportTallies(run, store.runs.tallies(run.id), charter));
}

/** One run's summary from its candidates (the dashboard passes candidates it keeps cached). */
export function reportRun(
  run: RunRecord,
  candidates: readonly CandidateRecord[],
  charter: Charter,
): RunReport {
  return reportTallies(run, talliesOf(candidates), charter);
}

/** One run's summary from the store's tallies (`RunStore.tallies`). */
export function reportTallies(run: RunRecord, tallies: RunTallies, charter: Charter): RunReport {
  const { best } = tallies;
  return {
    id: run.id,
    status: run.status,
    stopReason: run.stopReason,
    seed: run.seed,
    createdAt: run.createdAt,
    elapsedMs: run.elapsedMs,
    candidates: tallies.candidates,
    evaluated: tallies.evaluated,
    outcomes: tallies.outcomes,
    seedObjective: tallies.seedFitness === null ? null : objectiveOf(tallies.seedFitness, charter),
    best: best && {
      programId: best.programId,
      objective: objectiveOf(best.fitness, charter),
      operator: best.operator,
      generation: best.generation,
    },
  };
}

/**
 * `RunStore.tallies` computed from candidates in memory, in id order: what a
 * store's aggregate must equal (run-report.property.test.ts checks the
 * SQLite store's against it).
 */
export function talliesOf(candidates: readonly CandidateRecord[]): RunTallies {
  const tallies: RunTallies = {
    candidates: candidates.length,
    evaluated: 0,
    outcomes: {},
    seedFitness: null,
    best: null,
    arms: [],
  };
  const arms = new Map<string, RunTallies["arms"][number]>();
  for (const c of candidates) {
    if (c.arm !== null) {
      const arm = arms.get(c.arm) ?? { arm: c.arm, candidates: 0, improved: 0 };
      arm.candidates++;
      if ((c.reward ?? 0) > 0) arm.improved++;
      arms.set(c.arm, arm);
    }
    if (c.outcome === null) continue;
    tallies.evaluated++;
    tallies.outcomes[c.outcome] = (tallies.outcomes[c.outcome] ?? 0) + 1;
    if (c.fitness === null) continue;
    if (c.parentId === null) tallies.seedFitness = c.fitness;
    if (tallies.best === null || c.fitness > tallies.best.fitness) {
      const { programId, fitness, operator, generation } = c;
      tallies.best = { programId, fitness, operator, generation };
    }
  }
  tallies.arms = [...arms.values()];
  return tallies;
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
