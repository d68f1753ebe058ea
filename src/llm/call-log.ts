/**
 * The record of model calls. `callModel` reports every attempt here, including
 * the ones that failed or that the budget refused, so the run's cost and its
 * failures can be audited; the store implements it.
 */
import type { CallPurpose } from "./language-model.ts";

/**
 * How one attempt ended:
 * - "ok": the model replied;
 * - "error": the request failed (HTTP error, connection, unreadable reply);
 * - "timeout": no reply within the call's timeout;
 * - "budget": not sent, because the budget could not cover its worst case;
 * - "refused": the provider turned the request down (a key it refused, a
 *   request it rejected, or a reply withheld by its content filter).
 */
export type CallOutcome = "ok" | "error" | "timeout" | "budget" | "refused";

export interface CallRecord {
  /** The model spec as written, e.g. "openai:gpt-4.1-mini". */
  model: string;
  purpose: CallPurpose;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** What was counted against the budget for this attempt, in US dollars. */
  costUsd: number;
  outcome: CallOutcome;
  /** What went wrong, one line, when the outcome is not "ok". */
  error?: string;
}

export interface CallLog {
  record(call: CallRecord): void;
}

/** A log that keeps nothing, for callers that do not audit calls. */
export const NO_CALL_LOG: CallLog = { record: () => {} };
