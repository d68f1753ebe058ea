/**
 * `evolve(problemDir, options)`: a run of Steward from a program, the library's
 * counterpart of `steward run`. It starts at once and returns a handle:
 *
 *   const run = evolve("examples/bin-packing", { budget: { evaluations: 200 } });
 *   run.on("best", (e) => console.log("new best", e.objective));
 *   const summary = await run.done;
 *
 * Everything the CLI guarantees holds here too: candidates run in the sandbox,
 * the run is recorded in the problem's store and ledger, and nothing is deployed
 * without approvals. A run of the same problem resumes the last one unless
 * `fresh` is set; one run per problem at a time (the run lock).
 */
import { type RunSummary, evolve as runLoop } from "../engine/evolve.ts";
import type { RunEvent } from "../engine/run-events.ts";
import { requestStop } from "../engine/run-files.ts";
import type { EngineOptions } from "../engine/run-options.ts";
import { requireNeeds } from "../problem/check-needs.ts";
import { loadProblem } from "../problem/load-problem.ts";
import { detectSandbox, requireSandbox } from "../sandbox/detect.ts";

/** What a run tells as it goes. */
export type EvolveEvent =
  | RunEvent
  /** An evaluation gave a new best objective (also told as "evaluated" with isNewBest). */
  | { type: "best"; programId: number; objective: number; operator: string };

export type EvolveEventType = EvolveEvent["type"];
export type EvolveEventOf<T extends EvolveEventType> = Extract<EvolveEvent, { type: T }>;

export type EvolveOptions = Omit<EngineOptions, "onEvent">;

export interface EvolveHandle {
  /** Resolves with the run's summary when it stops; rejects if it cannot start or fails. */
  readonly done: Promise<RunSummary>;
  /** Calls `listener` with every event of `type` ("*" for all); returns a function that stops it. */
  on<T extends EvolveEventType>(type: T, listener: (event: EvolveEventOf<T>) => void): () => void;
  on(type: "*", listener: (event: EvolveEvent) => void): () => void;
  /**
   * Asks the run to stop, like `steward stop`: by default after the evaluations
   * in flight are acknowledged (the run can be resumed with nothing to redo);
   * with `now`, at once, killing them (they are evaluated again on resume).
   * Resolves with the summary.
   */
  stop(options?: { now?: boolean }): Promise<RunSummary>;
}

export function evolve(problemDir: string, options: EvolveOptions = {}): EvolveHandle {
  const listeners = new Map<string, Set<(event: EvolveEvent) => void>>();
  const abort = new AbortController();
  const outer = options.signal;
  if (outer) {
    if (outer.aborted) abort.abort(outer.reason);
    else outer.addEventListener("abort", () => abort.abort(outer.reason), { once: true });
  }
  const emit = (event: EvolveEvent) => {
    for (const key of [event.type, "*"]) {
      for (const listener of listeners.get(key) ?? []) listener(event);
    }
  };
  const onEvent = (event: RunEvent) => {
    emit(event);
    if (event.type === "evaluated" && event.isNewBest && event.objective !== null) {
      const { programId, objective, operator } = event;
      emit({ type: "best", programId, objective, operator });
    }
  };
  // Started on the next turn, so that listeners added right after evolve() see "started".
  const done = Promise.resolve().then(() => {
    const problem = loadProblem(problemDir);
    // The CLI's refusal too: never a weak sandbox unless the charter or STEWARD_SANDBOX asks.
    requireSandbox(detectSandbox().report, problem.charter.sandbox);
    requireNeeds(problem.charter.needs, problem.charter.name);
    return runLoop(problem, { ...options, onEvent, signal: abort.signal });
  });
  return {
    done,
    on(type: string, listener: (event: never) => void) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      const call = listener as (event: EvolveEvent) => void;
      set.add(call);
      return () => set.delete(call);
    },
    stop({ now = false } = {}) {
      if (now) abort.abort();
      else requestStop(problemDir, "graceful");
      return done;
    },
  };
}
