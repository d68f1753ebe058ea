/**
 * What one evaluation ends as. Every evaluation ends as exactly one of these,
 * whatever the candidate did; the engine never sees a thrown error instead.
 */
import type { SandboxLevel } from "../sandbox/level.ts";

export type OutcomeKind =
  | "ok" // the evaluator returned valid metrics
  | "invalid" // bad metrics, a failed evaluator check, or a program that does not compile
  | "crashed" // the candidate (or, with source "evaluator", the evaluator) threw or exited
  | "timeout" // a call or the whole evaluation ran past its wall-clock limit
  | "memory" // the candidate ran past its memory cap
  | "output-limit" // too many bytes printed or written
  | "policy" // rejected before running: code outside EVOLVE-BLOCKs changed, or a policy rule
  | "sandbox-error"; // the sandbox could not be set up at the level the charter demands

export const OUTCOME_KINDS: readonly OutcomeKind[] = [
  "ok",
  "invalid",
  "crashed",
  "timeout",
  "memory",
  "output-limit",
  "policy",
  "sandbox-error",
];

export type EvalMode = "search" | "verify";

/** Who was at fault when an evaluation did not end `ok`. */
export type FailureSource = "candidate" | "evaluator" | "sandbox" | "engine";

export interface OutcomeError {
  source: FailureSource;
  message: string;
  /** A stack or longer explanation, bounded. */
  detail?: string;
}

export type Metrics = Record<string, number>;

export interface EvaluationOutcome {
  outcome: OutcomeKind;
  /** Present only when `outcome` is "ok". */
  metrics: Metrics | null;
  error: OutcomeError | null;
  mode: EvalMode;
  /** Train data for search; other splits (holdout, test) only when asked for. */
  split: string;
  durationMs: number;
  /**
   * The wall-clock limit this evaluation ran under (ms): the charter's fixed
   * `eval_timeout_ms`, or the one `auto` derived; absent when read back from the store.
   */
  timeLimitMs?: number;
  /** Highest resident memory seen across the candidate's processes, sampled. */
  peakMemoryBytes: number | null;
  /**
   * CPU time (user + system) of the candidate's sandboxed processes in ms,
   * sampled; absent when not measured (an outcome read back from the store).
   */
  cpuMs?: number | null;
  sandbox: SandboxLevel;
  /** The candidate's output, truncated to the output cap. */
  stdout: string;
  stderr: string;
  /** What the evaluator chose to report besides metrics, bounded. */
  artifacts: Record<string, unknown>;
  /** Lines from `ctx.log`, bounded. */
  log: string[];
  warnings: string[];
  /**
   * The `steward worker` that ran this evaluation from the queue (src/queue/);
   * absent when the engine's own machine ran it. A worker could lie about a
   * score, so gates never run on the worker that found a candidate.
   */
  worker?: EvaluatedBy;
}

/** A queue worker's identity as recorded with each evaluation it ran. */
export interface EvaluatedBy {
  /** Unique per worker process: host, pid and a random tag. */
  id: string;
  host: string;
  /** The strongest sandbox level of the worker's machine, the one it evaluates at. */
  level: SandboxLevel;
  /** Versions of Steward and Node.js the worker ran. */
  steward: string;
  node: string;
}

/** What every outcome of one evaluation states, whatever happened in it. */
export interface OutcomeFrame {
  mode: EvalMode;
  split: string;
  /** `performance.now()` when the evaluation began: durationMs counts from here. */
  started: number;
  timeLimitMs: number;
  sandbox: SandboxLevel;
  /** Shared with the evaluation as it runs (`ctx.log`), so later lines are kept. */
  log?: string[];
  warnings?: readonly string[];
}

/**
 * The one way to make an outcome: nothing measured and no output, then `rest`.
 * The engine's refusals before a run, the evaluator process's failures and the
 * evaluator host's results all come from here, so a new field gets its empty
 * value in one place.
 */
export function buildOutcome(
  kind: OutcomeKind,
  frame: OutcomeFrame,
  rest: Partial<EvaluationOutcome> = {},
): EvaluationOutcome {
  return {
    outcome: kind,
    metrics: null,
    error: null,
    mode: frame.mode,
    split: frame.split,
    durationMs: Math.round(performance.now() - frame.started),
    timeLimitMs: frame.timeLimitMs,
    peakMemoryBytes: null,
    sandbox: frame.sandbox,
    stdout: "",
    stderr: "",
    artifacts: {},
    log: frame.log ?? [],
    warnings: [...(frame.warnings ?? [])],
    ...rest,
  };
}
