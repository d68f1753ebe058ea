/**
 * Turns whatever the AI SDK or fetch threw into a `ModelCallError` with a reason:
 * HTTP statuses by class, Retry-After read from the headers, aborts split into
 * our timeout and the caller's stop, network failures as "connection".
 */
import { APICallError } from "ai";
import { describeError } from "../errors.ts";
import { ModelCallError, type ModelFailureReason } from "./model-error.ts";

const NETWORK_CODES = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR/;
const NETWORK_WORDS = /terminated|socket hang up|other side closed|fetch failed|network/i;

export function classifyError(error: unknown, signal: AbortSignal | undefined): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (signal?.aborted) {
    const timedOut = isTimeoutReason(signal.reason);
    return new ModelCallError(
      timedOut ? "timeout" : "aborted",
      timedOut ? "the model did not answer within the call's timeout" : "the call was aborted",
      { cause: error },
    );
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode ?? null;
    if (status === null || status < 300) {
      // No answer, or a success whose body could not be read (cut off, not JSON).
      const network = error.isRetryable || isNetworkError(error.cause);
      const cause = error.cause === undefined ? "" : ` (${describeError(error.cause)})`;
      return new ModelCallError(network ? "connection" : "bad-reply", trim(error.message + cause), {
        status,
        cause: error,
      });
    }
    return new ModelCallError(reasonOfStatus(status), `HTTP ${status}: ${detail(error)}`, {
      status,
      retryAfterMs: retryAfterMs(error.responseHeaders),
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return new ModelCallError("connection", trim(describeError(error)), { cause: error });
  }
  return new ModelCallError("bad-reply", trim(describeError(error)), { cause: error });
}

function reasonOfStatus(status: number): ModelFailureReason {
  if (status === 429) return "rate-limited";
  if (status >= 500 || status === 408 || status === 409) return "server-error";
  if (status === 401 || status === 403) return "auth";
  return "rejected";
}

/** Retry-After in ms from "retry-after-ms" or "retry-after" (seconds or a date). */
export function retryAfterMs(headers: Record<string, string> | undefined): number | null {
  if (!headers) return null;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower["retry-after-ms"]);
  if (lower["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower["retry-after"];
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}

function isNetworkError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.test(code)) return true;
    if (NETWORK_WORDS.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}

/** The provider's own error message when it sent one, else the SDK's. */
function detail(error: APICallError): string {
  try {
    const body = JSON.parse(error.responseBody ?? "") as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return trim(body.error.message);
  } catch {
    // not JSON: fall back to the SDK's message
  }
  return trim(error.message);
}

function trim(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}
