/**
 * The model client for real providers, through the Vercel AI SDK: OpenAI (chat
 * completions), Anthropic (messages), Google, and any OpenAI-compatible server.
 * One `generateText` call per request with the SDK's own retries turned off
 * (call-model.ts retries, so that every attempt is counted and logged).
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, type LanguageModel } from "ai";
import type { ModelPrice } from "../problem/charter-mutators.ts";
import { classifyError } from "./classify-error.ts";
import type { FinishReason, ModelClient, ModelReply, ModelRequest } from "./language-model.ts";
import { apiKeyFor, type ModelSpec, parseModelSpec } from "./model-spec.ts";
import { costUsd, estimateTokens, priceFor } from "./prices.ts";

export interface ModelClientOptions {
  /** "PROVIDER:MODEL[@BASE_URL]", as in the charter's `mutators`. */
  spec: string;
  /** The charter's `prices`, extending the built-in table. */
  prices?: Readonly<Record<string, ModelPrice>>;
  /** Where API keys are read from (process.env in the CLI). */
  env: NodeJS.ProcessEnv;
}

/**
 * A client for one model. Throws a StewardError at once when the spec is
 * malformed, its API key is not set, or a paid model has no known price.
 */
export function createModelClient(options: ModelClientOptions): ModelClient {
  const spec = parseModelSpec(options.spec);
  const apiKey = apiKeyFor(spec, options.env);
  const price = priceFor(spec, options.prices);
  const model = languageModel(spec, apiKey);
  return {
    spec,
    price,
    complete: (request) => complete(model, price, request),
  };
}

function languageModel(spec: ModelSpec, apiKey: string | undefined): LanguageModel {
  const baseURL = spec.baseUrl ?? undefined;
  switch (spec.sdk) {
    case "openai":
      return createOpenAI({ baseURL, apiKey }).chat(spec.model);
    case "anthropic":
      return createAnthropic({ baseURL, apiKey })(spec.model);
    case "google":
      return createGoogleGenerativeAI({ baseURL, apiKey })(spec.model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: spec.provider,
        baseURL: baseURL ?? "",
        apiKey,
        includeUsage: true,
      })(spec.model);
  }
}

async function complete(
  model: LanguageModel,
  price: ModelPrice,
  request: ModelRequest,
): Promise<ModelReply> {
  const started = performance.now();
  try {
    const result = await generateText({
      model,
      system: request.system,
      prompt: request.prompt,
      maxOutputTokens: request.maxTokens,
      ...(request.temperature === null ? {} : { temperature: request.temperature }),
      maxRetries: 0,
      abortSignal: request.signal,
    });
    const promptTokens =
      result.usage.inputTokens ?? estimateTokens(request.system + request.prompt);
    const completionTokens = result.usage.outputTokens ?? estimateTokens(result.text);
    return {
      text: result.text,
      promptTokens,
      completionTokens,
      latencyMs: Math.round(performance.now() - started),
      costUsd: costUsd(price, promptTokens, completionTokens),
      finishReason: finishReasonOf(result.finishReason),
    };
  } catch (error) {
    throw classifyError(error, request.signal);
  }
}

function finishReasonOf(reason: string): FinishReason {
  if (reason === "stop" || reason === "length" || reason === "content-filter") return reason;
  return "other";
}
