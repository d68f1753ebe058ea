/**
 * The mutator contract. Every way of proposing a new program (the offline `gp`
 * mutator, LLM mutators, a mutator of your own registered in `evolve()` options
 * or with the charter's `mutators: - module: ./my-mutator.ts`) implements it.
 *
 * The engine calls `mutate` with a parent, some inspirations, the problem's
 * description and the lineage's recent failures; the mutator answers with a
 * whole new program or a typed refusal. The engine then stores the program,
 * checks it is new and novel enough, and has it evaluated in the sandbox.
 *
 * A mutator must:
 * - take every random choice from `request.rng`, so a run with a seed replays;
 * - return the whole program, keeping everything outside its EVOLVE-BLOCKs as
 *   it was (the evaluator may refuse a candidate that changed the frame);
 * - stop promptly when `request.signal` aborts (answer with a refusal);
 * - answer "unsupported" (not throw) for a problem it cannot work on, e.g. a
 *   language it does not parse: the run then stops with that message.
 *
 * A mutator must never:
 * - run the candidate, the parent or any program it is given: programs are
 *   untrusted and only ever run in the sandbox;
 * - read the problem's evaluator, holdout data or other trusted files: it sees
 *   exactly what the request holds;
 * - keep state that changes its answers without saving it (`saveState`), or a
 *   resumed run would not continue the same search.
 *
 * Throwing from `mutate` or `repair` is a bug in the mutator: the run stops
 * with the error. Expected failures (the model's edit did not apply, a call
 * failed after retries, nothing to change) are refusals.
 */
import type { Metrics } from "../evaluation/outcome.ts";
import type { Rng } from "../util/rng.ts";

export interface ProgramView {
  id: number;
  code: string;
  /** Metrics of its evaluation, or null when it has none. */
  metrics: Metrics | null;
}

/** What a mutator knows of the problem: never its evaluator or data. */
export interface ProblemView {
  description: string;
  objective: { metric: string; direction: "minimize" | "maximize" };
  language: "typescript" | "javascript" | "python" | "command";
}

export interface MutationRequest {
  parent: ProgramView;
  /** Other good and diverse programs, for crossover or as examples. */
  inspirations: readonly ProgramView[];
  problem: ProblemView;
  /** Recent failures of this lineage (compile errors, exceptions, timeouts), newest first. */
  feedback: readonly string[];
  /** The run's seeded generator: all randomness must come from here. */
  rng: Rng;
  signal?: AbortSignal;
}

/** A candidate of this mutator that failed to compile or crashed, to fix. */
export interface RepairRequest {
  /** The whole candidate that failed. */
  code: string;
  /** Its compile error, exception or timeout, as the evaluation reported it. */
  error: string;
  problem: ProblemView;
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
      /**
       * "no-change": nothing to do for this parent (the engine picks another);
       * "refused": this attempt failed (an edit that did not apply);
       * "error": the mutator's resource failed (a model call after retries);
       * "unsupported": never works for this problem (the run stops).
       */
      reason: "no-change" | "unsupported" | "refused" | "error";
      /** Why, for a person: it is counted and shown when nothing new comes out. */
      message: string;
    };

export interface Mutator {
  /** Unique within a run: the bandit's arm and the name stored with each candidate. */
  readonly name: string;
  mutate(request: MutationRequest): Promise<MutationResult>;
  /**
   * Optional: a fixed version of a candidate this mutator made that was invalid
   * or crashed. The engine queues at most `repair.max_per_lineage` repairs
   * along a chain; a repair's candidate is evaluated like any other.
   */
  repair?(request: RepairRequest): Promise<MutationResult>;
  /**
   * Optional feedback after each evaluation of a candidate this mutator made:
   * `improved` when it beat its parent's fitness (see engine/improvement.ts),
   * for mutators that adapt their operator rates.
   */
  reward?(operator: string, improved: boolean): void;
  /** Optional: state to persist across resume (rates, counters), and to restore it. */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}
