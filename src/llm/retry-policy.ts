/**
 * When to try a failed model call again: a bounded number of attempts, with
 * exponential backoff and jitter drawn from the run's seeded generator, and the
 * server's Retry-After honoured when it is short enough to wait for.
 */
import type { Rng } from "../util/rng.ts";
import type { ModelCallError } from "./model-error.ts";

export interface RetryPolicy {
  /** Attempts in all, the first included (default 4). */
  maxAttempts: number;
  /** Delay before the second attempt, doubled for each one after (default 1000). */
  baseDelayMs: number;
  /** Longest backoff between attempts (default 30000). */
  maxDelayMs: number;
  /** A longer Retry-After than this ends the call instead of waiting (default 60000). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/**
 * How long to wait before attempt `attempt + 1` after `error` on attempt
 * `attempt` (1-based), or null when the call should give up.
 */
export function retryDelayMs(
  error: ModelCallError,
  attempt: number,
  policy: RetryPolicy,
  rng: Rng,
): number | null {
  if (!error.isRetryable || attempt >= policy.maxAttempts) return null;
  if (error.retryAfterMs !== null) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : null;
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": half fixed, half random, so attempts from parallel calls spread out.
  return Math.round(backoff / 2 + (backoff / 2) * rng.next());
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
