/**
 * The language-model contract: the one small interface the rest of Steward
 * uses to talk to a model. Implementations (the AI SDK client in
 * `ai-sdk-client.ts`, fakes in tests) make exactly one request per `complete`
 * and never retry: retries, timeouts and the money budget belong to
 * `call-model.ts`, which wraps any client.
 *
 * A client is made for one model spec and knows that model's price, so every
 * reply says what it cost. Failures are thrown as `ModelCallError` (see
 * `model-error.ts`), whose `reason` says whether trying again can help.
 */
import type { ModelPrice } from "../problem/charter-mutators.ts";
import type { ModelSpec } from "./model-spec.ts";

/** Why a call is made, for the call log and the cost breakdown. */
export type CallPurpose = "mutate" | "repair" | "meta-notes";

export interface ModelRequest {
  /** Instructions that hold for the whole exchange (format, rules). */
  system: string;
  /** The user message: the task itself. */
  prompt: string;
  /** Most completion tokens; also what the call reserves from the budget. */
  maxTokens: number;
  /** Sampling temperature, or null for the provider's default. */
  temperature: number | null;
  /** Aborts the request (a timeout or the run stopping). */
  signal?: AbortSignal;
  purpose: CallPurpose;
}

/**
 * Why generation ended: "stop" (the model finished), "length" (it hit
 * `maxTokens`, so the text is cut off), "content-filter" (the provider withheld
 * it), or "other".
 */
export type FinishReason = "stop" | "length" | "content-filter" | "other";

export interface ModelReply {
  text: string;
  /** Prompt tokens as the provider counted them (estimated when it did not say). */
  promptTokens: number;
  /** Completion tokens as the provider counted them (estimated when it did not say). */
  completionTokens: number;
  /** Wall time of the request, in ms. */
  latencyMs: number;
  /** What the call cost, from the token counts and the model's price, in US dollars. */
  costUsd: number;
  finishReason: FinishReason;
}

export interface ModelClient {
  /** The parsed "PROVIDER:MODEL[@BASE_URL]" this client talks to. */
  readonly spec: ModelSpec;
  /** US dollars per million tokens; zero for local servers. */
  readonly price: ModelPrice;
  /**
   * Sends one request. Resolves with the reply, or rejects with a
   * `ModelCallError` (never any other error).
   */
  complete(request: ModelRequest): Promise<ModelReply>;
}
