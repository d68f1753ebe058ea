/** Options of `evolve` / `steward run`, with their defaults. */
import os from "node:os";
import type { Mutator } from "../mutate/mutator.ts";
import type { PopulationConfig } from "../population/types.ts";
import type { Budget } from "./budget.ts";
import type { RunEvent } from "./run-events.ts";

export interface EngineOptions {
  budget?: Partial<Budget>;
  /** Evaluations in flight at once; default: number of cores. */
  workers?: number;
  /** Redis URL: evaluate on `steward worker`s through BullMQ instead of this machine's pool. */
  queue?: string;
  /** With `queue`: jobs kept queued or running at most; default the charter's `max_in_flight`, else twice the worker slots seen. */
  maxInFlight?: number;
  /** Seed of the run's random generator (new runs only; a resumed run keeps its own). */
  seed?: number;
  /** Start a new run even if the last one can be resumed. */
  fresh?: boolean;
  population?: Partial<PopulationConfig>;
  /** Mutators to use, replacing the charter's `mutators` (library callers). */
  mutators?: Mutator[];
  /** Model specs ("gp", "PROVIDER:MODEL[@BASE_URL]") replacing the charter's `mutators` (`--model`). */
  models?: string[];
  /** Where LLM API keys are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Inspirations given to the mutator per candidate. */
  inspirations?: number;
  onEvent?: (event: RunEvent) => void;
  /** Aborting stops the run like `steward stop --now`. */
  signal?: AbortSignal;
}

export const DEFAULT_WORKERS = Math.max(1, os.availableParallelism());
export const DEFAULT_INSPIRATIONS = 2;
/** Attempts at a new (non-duplicate, changed) program before the run gives up. */
export const MAX_BARREN_MUTATIONS = 200;
/** How often a stop request is looked for and the elapsed time saved. */
export const POLL_MS = 100;
export const SAVE_ELAPSED_MS = 2_000;
