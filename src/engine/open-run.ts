/**
 * Opening a run: resume the newest one (rebuilding its population from the
 * store) or create a new one. Mutator state is restored by the MutationSource.
 */
import { populationConfig } from "../population/config.ts";
import type { PopulationConfig } from "../population/types.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { RunRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import { createRng, type Rng } from "../util/rng.ts";
import type { Budget } from "./budget.ts";
import type { EngineOptions } from "./run-options.ts";
import { RunState } from "./run-state.ts";

export interface OpenedRun {
  record: RunRecord;
  state: RunState;
  population: PopulationConfig;
  rng: Rng;
  elapsedBefore: number;
  resumed: boolean;
}

export function openRun(
  problem: Problem,
  store: Store,
  options: EngineOptions,
  settings: { workers: number; budget: Budget },
): OpenedRun {
  const latest = options.fresh ? undefined : store.runs.latest();
  // A resumed run keeps the population settings it started with.
  const stored = latest?.config.population as Partial<PopulationConfig> | undefined;
  const population = populationConfig(stored ?? options.population);
  let record: RunRecord;
  let state: RunState;
  let elapsedBefore = 0;
  if (latest) {
    record = latest;
    state = RunState.rebuild(problem.charter, population, store.runs.candidates(latest.id));
    elapsedBefore = latest.elapsedMs;
    store.runs.update(latest.id, { status: "running", stopReason: null });
  } else {
    record = store.runs.create(options.seed ?? 1, {
      population,
      workers: settings.workers,
      budget: settings.budget,
    });
    state = new RunState(problem.charter, population);
  }
  // Resumed runs continue from a generator derived from the seed and the
  // candidates made so far: the same store gives the same continuation.
  const rng = createRng((record.seed * 1_000_003 + state.candidates) >>> 0);
  return { record, state, population, rng, elapsedBefore, resumed: latest !== undefined };
}
