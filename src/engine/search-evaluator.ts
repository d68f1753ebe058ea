/**
 * Where a run's search evaluations go: this machine's evaluator pool, or, with
 * `--queue`, workers behind Redis. The local pool exists either way because the
 * gates re-score on this machine; the queue's dispatcher (the Redis client and
 * BullMQ, about 20 MB) loads only for a queued run.
 */

import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { DispatchOptions, QueueDispatcher } from "../queue/dispatcher.ts";
import type { EvaluatorPool } from "./evaluator-pool.ts";
import type { RunEvent } from "./run-events.ts";
import type { EngineOptions } from "./run-options.ts";

export interface SearchEvaluator {
  evaluate(problem: Problem, options: DispatchOptions): Promise<EvaluationOutcome>;
  /** Evaluations to keep in flight: the workers asked for, or the queue's backlog limit. */
  capacity(): number;
  /** Closes the pool's processes and the queue connection. */
  close(): Promise<void>;
}

export async function openSearchEvaluator(args: {
  problem: Problem;
  options: EngineOptions;
  pool: EvaluatorPool;
  workers: number;
  emit: (event: RunEvent) => void;
}): Promise<SearchEvaluator> {
  const { problem, options, pool, workers, emit } = args;
  let dispatcher: QueueDispatcher | null = null;
  if (options.queue) {
    const { QueueDispatcher } = await import("../queue/dispatcher.ts");
    dispatcher = new QueueDispatcher(problem, options.queue, {
      maxInFlight: options.maxInFlight ?? problem.charter.maxInFlight ?? null,
      onNotice: (message) => emit({ type: "queue", message }),
    });
  }
  return {
    evaluate: (p, job) => (dispatcher ?? pool).evaluate(p, job),
    capacity: () => dispatcher?.capacity() ?? workers,
    close: async () => {
      pool.close();
      await dispatcher?.close();
    },
  };
}
