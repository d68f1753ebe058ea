/**
 * One error base class for everything Steward throws on purpose.
 *
 * `code` is a literal a script can branch on; `message` tells the user what
 * to do; `cause` keeps the underlying error. Retryable errors say so.
 */
export type StewardErrorCode =
  | "usage"
  | "charter-invalid"
  | "problem-not-found"
  | "markers-invalid"
  /** No isolating sandbox level works here, or the one asked for does not. */
  | "sandbox-unavailable"
  /** Something the charter's `needs` lists (an interpreter, a module, a command) is not on this machine. */
  | "needs-missing"
  /** The seed program does not evaluate ok, so a run has nothing to start from. */
  | "seed-failed"
  /** The mutators kept producing duplicates, refusals or near-copies: nothing new to evaluate. */
  | "no-new-program"
  | "store-failed"
  | "io"
  | "stopped"
  /** A pinned file (charter, evaluator, driver, data) changed; a person must accept it. */
  | "charter-changed"
  /** Oversight said no: missing approvals, a bad signature, a vetoed proposal. */
  | "denied"
  /** A budget (evaluations, time, tokens, money) would be exceeded. */
  | "budget"
  /** A model call failed for good (after retries). */
  | "llm-failed"
  /** A proposal, key or entry that was asked for does not exist. */
  | "not-found"
  /** A worker's copy of a problem's trusted files does not match the job's hash (src/queue/). */
  | "bundle-mismatch"
  /** The problem bundle a job names is not in Redis (the coordinator is gone, or it expired). */
  | "bundle-missing"
  /** A job demands a stronger sandbox level than the worker has. */
  | "sandbox-too-weak"
  /** A worker returned a result that does not parse (another Steward version). */
  | "queue-bad-result"
  /** A job failed on the workers every time it was tried (refused, or the workers stopped). */
  | "queue-job-failed";

export class StewardError extends Error {
  readonly code: StewardErrorCode;
  readonly isRetryable: boolean;

  constructor(
    code: StewardErrorCode,
    message: string,
    options: { cause?: unknown; isRetryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StewardError";
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }
}

export function isStewardError(value: unknown): value is StewardError {
  return value instanceof StewardError;
}

/** A short, single-line description of any thrown value. */
export function describeError(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return String(value);
}
