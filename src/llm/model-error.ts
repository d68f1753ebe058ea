/**
 * How a single model request fails. `reason` is a literal a caller branches on;
 * `isRetryable` says whether the same request may succeed later (rate limits,
 * server errors, timeouts, dropped connections), and `retryAfterMs` carries the
 * server's Retry-After when it sent one.
 */
import { StewardError } from "../errors.ts";

export type ModelFailureReason =
  /** Rate limited (HTTP 429). */
  | "rate-limited"
  /** The provider failed (HTTP 5xx, 408, 409). */
  | "server-error"
  /** No reply within the call's timeout. */
  | "timeout"
  /** The connection failed or was cut. */
  | "connection"
  /** The key was refused (HTTP 401, 403). */
  | "auth"
  /** The provider rejected the request (another HTTP 4xx). */
  | "rejected"
  /** The reply could not be read (not the provider's format, cut off). */
  | "bad-reply"
  /** The caller aborted (the run is stopping). */
  | "aborted";

const RETRYABLE: ReadonlySet<ModelFailureReason> = new Set([
  "rate-limited",
  "server-error",
  "timeout",
  "connection",
]);

export class ModelCallError extends StewardError {
  readonly reason: ModelFailureReason;
  /** The HTTP status, when the provider answered. */
  readonly status: number | null;
  /** The server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | null;

  constructor(
    reason: ModelFailureReason,
    message: string,
    options: { status?: number | null; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super("llm-failed", message, { cause: options.cause, isRetryable: RETRYABLE.has(reason) });
    this.name = "ModelCallError";
    this.reason = reason;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export function isModelCallError(value: unknown): value is ModelCallError {
  return value instanceof ModelCallError;
}
