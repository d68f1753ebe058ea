/**
 * The mutator contract. Every way of proposing a new program (the offline `gp`
 * mutator, LLM mutators) implements it: given a parent, inspirations, the problem
 * and feedback, return a candidate program or a typed refusal. Mutators never see
 * holdout data, evaluator code or scores beyond the metrics given here.
 */
import type { Metrics } from "../evaluation/outcome.ts";
import type { Rng } from "../util/rng.ts";

export interface ProgramView {
  id: number;
  code: string;
  /** Metrics of its evaluation, or null when it has none. */
  metrics: Metrics | null;
}

export interface MutationRequest {
  parent: ProgramView;
  /** Other good and diverse programs, for crossover or as examples. */
  inspirations: readonly ProgramView[];
  problem: {
    description: string;
    objective: { metric: string; direction: "minimize" | "maximize" };
    language: "typescript" | "javascript" | "python" | "command";
  };
  /** Recent failures of this lineage (compile errors, exceptions, timeouts), newest first. */
  feedback: readonly string[];
  /** The run's seeded generator: all randomness must come from here. */
  rng: Rng;
  signal?: AbortSignal;
}

export type MutationResult =
  | {
      ok: true;
      code: string;
      /** Which operator (or model) produced it, for adaptive rates and the record. */
      operator: string;
      /** The mutator's stated reason, shown to reviewers. */
      rationale?: string;
    }
  | {
      ok: false;
      reason: "no-change" | "unsupported" | "refused" | "error";
      message: string;
    };

export interface Mutator {
  readonly name: string;
  mutate(request: MutationRequest): Promise<MutationResult>;
  /** Feedback on an operator's result, for mutators that adapt their rates. */
  reward?(operator: string, improved: boolean): void;
  /** State to persist across resume (rates, counters), and to restore it. */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}
