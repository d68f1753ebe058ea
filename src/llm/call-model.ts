/**
 * The accounted model call, the only way Steward calls a model: reserve the
 * call's worst case from the budget, send it with a timeout, retry what may
 * succeed later, settle what it cost, and record every attempt in the call log.
 * It never throws: a call ends with a reply or a typed failure.
 *
 * Billing of failed attempts: an HTTP error or a failed connection costs
 * nothing (the reservation is released); a timeout, an abort, or a reply that
 * came back but could not be read (cut off, not JSON) may have been billed, so
 * it is charged its full reservation.
 */
import type { Rng } from "../util/rng.ts";
import type { CallLog, CallOutcome } from "./call-log.ts";
import { classifyError } from "./classify-error.ts";
import type { ModelClient, ModelReply, ModelRequest } from "./language-model.ts";
import type { ModelCallError, ModelFailureReason } from "./model-error.ts";
import { costUsd, estimateTokens } from "./prices.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs, sleep } from "./retry-policy.ts";
import { BudgetExceededError, type Reservation, type SpendBudget } from "./spend-budget.ts";

export interface CallDeps {
  client: ModelClient;
  budget: SpendBudget;
  log: CallLog;
  /** Jitter for the backoff; the run's seeded generator. */
  rng: Rng;
  retry?: Partial<RetryPolicy>;
}

export interface CallRequest extends ModelRequest {
  /** Wall-clock limit of one attempt (the mutator's timeout_ms). */
  timeoutMs: number;
}

/** "budget": the budget could not cover the call, so the run should stop calling models. */
export type CallFailureReason = "budget" | ModelFailureReason;

export type CallResult =
  | { ok: true; reply: ModelReply; attempts: number }
  | { ok: false; reason: CallFailureReason; message: string; attempts: number };

export async function callModel(deps: CallDeps, request: CallRequest): Promise<CallResult> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const spec = deps.client.spec.text;
  for (let attempt = 1; ; attempt++) {
    if (request.signal?.aborted) {
      // Stopped before (or between) attempts: nothing was sent, nothing is charged.
      return {
        ok: false,
        reason: "aborted",
        message: `${spec}: the call was aborted`,
        attempts: attempt - 1,
      };
    }
    const outcome = await attemptOnce(deps, request);
    if (outcome.ok) return { ok: true, reply: outcome.reply, attempts: attempt };
    const error = outcome.error;
    if (error === "budget") {
      return { ok: false, reason: "budget", message: outcome.message, attempts: attempt };
    }
    const delay = request.signal?.aborted ? null : retryDelayMs(error, attempt, policy, deps.rng);
    if (delay === null) {
      const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
      return {
        ok: false,
        reason: error.reason,
        message: `${spec}: ${advice(error, deps.client)}${tries}`,
        attempts: attempt,
      };
    }
    await sleep(delay, request.signal);
  }
}

type Attempt =
  | { ok: true; reply: ModelReply }
  | { ok: false; error: ModelCallError }
  | { ok: false; error: "budget"; message: string };

async function attemptOnce(deps: CallDeps, request: CallRequest): Promise<Attempt> {
  const { client, budget, log } = deps;
  const promptTokens = estimateTokens(request.system + request.prompt);
  const base = { model: client.spec.text, purpose: request.purpose };
  let reservation: Reservation;
  try {
    reservation = budget.reserve(
      costUsd(client.price, promptTokens, request.maxTokens),
      promptTokens + request.maxTokens,
    );
  } catch (error) {
    if (!(error instanceof BudgetExceededError)) throw error;
    log.record({ ...base, ...NOTHING, outcome: "budget", error: error.message });
    return { ok: false, error: "budget", message: error.message };
  }
  const signals = [AbortSignal.timeout(request.timeoutMs)];
  if (request.signal) signals.push(request.signal);
  const signal = AbortSignal.any(signals);
  const started = performance.now();
  try {
    const reply = await client.complete({ ...request, signal });
    budget.settle(reservation, reply.costUsd, reply.promptTokens + reply.completionTokens);
    const withheld = reply.finishReason === "content-filter";
    log.record({
      ...base,
      promptTokens: reply.promptTokens,
      completionTokens: reply.completionTokens,
      latencyMs: reply.latencyMs,
      costUsd: reply.costUsd,
      outcome: withheld ? "refused" : "ok",
      ...(withheld ? { error: "the provider's content filter withheld the reply" } : {}),
    });
    return { ok: true, reply };
  } catch (thrown) {
    const error = classifyError(thrown, signal);
    const billed = BILLED.has(error.reason) || (error.status !== null && error.status < 300);
    if (billed) budget.settle(reservation, reservation.usd, reservation.tokens);
    else budget.release(reservation);
    log.record({
      ...base,
      ...NOTHING,
      latencyMs: Math.round(performance.now() - started),
      costUsd: billed ? reservation.usd : 0,
      outcome: outcomeOf(error.reason),
      error: error.message,
    });
    return { ok: false, error };
  }
}

/** Failures the provider may have billed: it got the request and may have generated. */
const BILLED: ReadonlySet<ModelFailureReason> = new Set(["timeout", "aborted", "bad-reply"]);

const NOTHING = { promptTokens: 0, completionTokens: 0, latencyMs: 0, costUsd: 0 };

function outcomeOf(reason: ModelFailureReason): CallOutcome {
  if (reason === "timeout") return "timeout";
  if (reason === "auth" || reason === "rejected") return "refused";
  return "error";
}

/** The failure, with what to do about it when the user can do something. */
function advice(error: ModelCallError, client: ModelClient): string {
  const key = client.spec.keyVariable;
  if (error.reason === "auth" && key) {
    return `${error.message}: the provider refused the key in ${key}; check it, or pass --model with another provider`;
  }
  if (error.reason === "timeout") {
    return `${error.message}: raise timeout_ms for this model in steward.yaml if it is just slow`;
  }
  return error.message;
}
