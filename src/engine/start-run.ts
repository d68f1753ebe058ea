/**
 * A run's start-up: everything the loop needs, built before the loop exists.
 * Opens the run (resuming the newest one or making one), rebuilds the
 * evaluation time limit, the mutators and the oversight, adopts the seed as
 * champion and re-gates the best program, then chooses where search
 * evaluations go. Building it all first is what lets RunLoop hold each piece
 * as a definitely assigned, readonly field.
 */
import type { StewardError } from "../errors.ts";
import { Ledger } from "../ledger/ledger.ts";
import type { Overseer } from "../oversight/overseer.ts";
import type { PopulationConfig } from "../population/types.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { RunRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import type { Rng } from "../util/rng.ts";
import type { Budget } from "./budget.ts";
import { CandidateMaker } from "./candidate-maker.ts";
import { createMutationSource } from "./create-mutation-source.ts";
import { EvalTimeLimit, RECENT_CHAMPION_EVALUATIONS } from "./eval-time-limit.ts";
import { EvaluatorPool } from "./evaluator-pool.ts";
import type { MutationSource } from "./mutation-source.ts";
import { openRun } from "./open-run.ts";
import type { RunEvent } from "./run-events.ts";
import { DEFAULT_WORKERS, type EngineOptions } from "./run-options.ts";
import { adoptSeedAsChampion, createRunOverseer } from "./run-oversight.ts";
import type { RunState } from "./run-state.ts";
import { openSearchEvaluator, type SearchEvaluator } from "./search-evaluator.ts";

/** What a started run is made of; RunLoop receives it whole. */
export interface RunParts {
  readonly problem: Problem;
  readonly store: Store;
  readonly options: EngineOptions;
  readonly budget: Budget;
  readonly workers: number;
  readonly ledger: Ledger;
  /** Aborted on `stop --now`, on the caller's signal and when a pinned file changed. */
  readonly abort: AbortController;
  /** When this session started (performance.now()). */
  readonly sessionStart: number;
  readonly record: RunRecord;
  readonly state: RunState;
  readonly rng: Rng;
  /** Time the run spent in earlier sessions (ms). */
  readonly elapsedBefore: number;
  readonly resumed: boolean;
  readonly populationSettings: PopulationConfig;
  readonly maker: CandidateMaker;
  /** The search evaluations' time limit, following the champion under `eval_timeout_ms: auto`. */
  readonly timeLimit: EvalTimeLimit;
  readonly source: MutationSource;
  readonly overseer: Overseer;
  /** Gates' evaluator processes; also the search's unless the run is queued. */
  readonly pool: EvaluatorPool;
  readonly search: SearchEvaluator;
}

/** Builds a run's parts; a failure while building mutators or oversight leaves the run stopped. */
export async function startRun(
  problem: Problem,
  store: Store,
  options: EngineOptions,
): Promise<RunParts> {
  const sessionStart = performance.now();
  const { budget: charterBudget } = problem.charter;
  const budget: Budget = {
    maxEvals: charterBudget.evaluations,
    maxTimeMs: charterBudget.timeMs,
    target: null,
    ...options.budget,
  };
  const ledger = new Ledger(store, problem.dir);
  const workers = Math.max(1, options.workers ?? DEFAULT_WORKERS);
  const pool = new EvaluatorPool();
  const abort = new AbortController();
  const emit = (event: RunEvent) => options.onEvent?.(event);

  const opened = openRun(problem, store, options, { workers, budget });
  const { record, state, resumed } = opened;
  const maker = new CandidateMaker(problem, store, record.id);
  maker.refusals.restore(record.state);
  const timeLimit = openTimeLimit(problem, store, state);
  let source: MutationSource;
  let overseer: Overseer;
  try {
    source = await createMutationSource({
      problem,
      store,
      runId: record.id,
      state: record.state,
      options,
    });
    overseer = createRunOverseer({
      problem,
      store,
      ledger,
      runId: record.id,
      pool,
      signal: abort.signal,
      emit,
    });
    overseer.start({ resumed, seed: record.seed });
  } catch (error) {
    const reason = (error as StewardError).code === "charter-changed" ? "charter-changed" : "error";
    store.runs.update(record.id, { status: "stopped", stopReason: reason });
    throw error;
  }
  adoptSeedAsChampion(store, overseer, state.seedId);
  overseer.regate(state.bestProgramId);
  const search = await openSearchEvaluator({ problem, options, pool, workers, emit });
  return {
    problem,
    store,
    options,
    budget,
    workers,
    ledger,
    abort,
    sessionStart,
    record,
    state,
    rng: opened.rng,
    elapsedBefore: opened.elapsedBefore,
    resumed,
    populationSettings: opened.population,
    maker,
    timeLimit,
    source,
    overseer,
    pool,
    search,
  };
}

/** The time limit, with the stored times of the champion a resumed run had. */
function openTimeLimit(problem: Problem, store: Store, state: RunState): EvalTimeLimit {
  const { autoEvalTimeout, limits } = problem.charter;
  const timeLimit = new EvalTimeLimit(autoEvalTimeout, limits.evalTimeoutMs);
  const champion = state.bestProgramId;
  if (autoEvalTimeout && champion !== null) {
    const stored = store.listEvaluations(champion);
    for (const evaluation of stored.slice(-RECENT_CHAMPION_EVALUATIONS))
      timeLimit.championEvaluated(evaluation);
  }
  return timeLimit;
}
