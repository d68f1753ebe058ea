/**
 * The evaluator contract: what a person writes in `evaluate.ts` and `driver.ts`.
 *
 * The evaluator is trusted. It runs in its own process (never the engine's) with
 * no secrets in its environment. It talks to the untrusted candidate only through
 * the {@link Candidate} handle, whose every call crosses into a sandboxed process.
 *
 * ```ts
 * import { defineEvaluator } from "steward";
 *
 * export default defineEvaluator({
 *   async evaluate(candidate, ctx) {
 *     const y = await candidate.call<number>("f", 3);
 *     if (!Number.isFinite(y)) ctx.invalid(`f(3) returned ${y}`);
 *     return { metrics: { error: Math.abs(y - 9) } };
 *   },
 * });
 * ```
 */
import type { EvalMode, Metrics } from "./outcome.ts";

export interface RunOptions {
  /** Bytes or text fed to the command's standard input. */
  stdin?: string | Uint8Array;
  /** Wall-clock limit of this run; defaults to the charter's call timeout. */
  timeoutMs?: number;
}

export interface RunResult {
  /** The exit code, or null when a signal ended the command. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** The evaluator's handle on the untrusted program. */
export interface Candidate {
  readonly mode: EvalMode;
  /** Names the candidate module exports (JS/TS candidates; empty for commands). */
  readonly exports: readonly string[];
  /**
   * Calls an exported function of a JS/TS candidate in its sandbox. Arguments and
   * the result are copied with the structured-clone algorithm. Throws a
   * `CandidateError` when the candidate throws, hangs past the call timeout, runs
   * out of memory or dies; a limit that kills the sandbox decides the outcome of
   * the whole evaluation.
   */
  call<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
  /**
   * Runs a non-JS candidate as a command in a fresh sandbox (the charter's `run`
   * command with `{program}` replaced by the candidate's path, then `args`).
   * A non-zero exit is returned, not thrown; limits throw like `call`.
   */
  run(args?: readonly string[], options?: RunOptions): Promise<RunResult>;
}

/** The candidate as a driver sees it: calls only. */
export type DriverCandidate = Pick<Candidate, "call" | "exports">;

export interface EvalContext {
  readonly mode: EvalMode;
  /** Which data to score on: "train" during search; "holdout" or "test" only when asked. */
  readonly split: string;
  /** Seed for any randomness in the evaluation (re-runs use fresh seeds). */
  readonly seed: number;
  /** Absolute path of the problem folder and of its `data/` folder. */
  readonly problemDir: string;
  readonly dataDir: string;
  /** Aborted when the evaluation's time runs out. */
  readonly signal: AbortSignal;
  /**
   * Runs a function of `driver.ts` with the candidate: in search mode inside the
   * sandbox next to the candidate (fast), in verify mode here, with every call
   * crossing the process boundary (tamper-proof).
   */
  driver<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
  /** Ends the evaluation as `invalid` with this reason. */
  invalid(reason: string): never;
  /** Adds a line to the evaluation's log (kept, bounded, shown as feedback). */
  log(message: string): void;
}

export interface EvaluatorResult {
  /** Named finite numbers; the charter's objective must be one of them. */
  metrics: Metrics;
  /** Anything JSON-serialisable worth keeping (bounded when stored). */
  artifacts?: Record<string, unknown>;
}

export interface EvaluatorDefinition {
  evaluate(candidate: Candidate, ctx: EvalContext): Promise<EvaluatorResult> | EvaluatorResult;
}

/** A driver: named functions that take the candidate handle first. */
export type DriverDefinition = Record<
  string,
  // biome-ignore lint/suspicious/noExplicitAny: drivers choose their own argument types.
  (candidate: DriverCandidate, ...args: any[]) => unknown
>;

export function defineEvaluator<T extends EvaluatorDefinition>(definition: T): T {
  return definition;
}

export function defineDriver<T extends DriverDefinition>(definition: T): T {
  return definition;
}
