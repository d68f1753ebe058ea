/**
 * Long-lived evaluator processes, one per evaluation in flight, so that a run
 * does not pay an evaluator start per candidate. A process that died (timeout,
 * abort, crash) is replaced on the next take.
 */
import { type EvaluateOptions, evaluateProgram } from "../evaluation/evaluate-program.ts";
import { EvaluatorProcess } from "../evaluation/evaluator-process.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { Problem } from "../problem/load-problem.ts";

export class EvaluatorPool {
  readonly #idle: EvaluatorProcess[] = [];
  readonly #all = new Set<EvaluatorProcess>();

  take(): EvaluatorProcess {
    let process = this.#idle.pop();
    while (process && !process.alive) {
      this.#all.delete(process);
      process = this.#idle.pop();
    }
    if (!process) {
      process = new EvaluatorProcess();
      this.#all.add(process);
    }
    return process;
  }

  give(process: EvaluatorProcess): void {
    if (process.alive && !process.busy) this.#idle.push(process);
    else {
      process.close();
      this.#all.delete(process);
    }
  }

  /** Evaluates with a process from the pool, and gives it back. */
  async evaluate(
    problem: Problem,
    options: Omit<EvaluateOptions, "evaluator">,
  ): Promise<EvaluationOutcome> {
    const evaluator = this.take();
    try {
      return await evaluateProgram(problem, { ...options, evaluator });
    } finally {
      this.give(evaluator);
    }
  }

  close(): void {
    for (const process of this.#all) process.close();
    this.#all.clear();
    this.#idle.length = 0;
  }
}
