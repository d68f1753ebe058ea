/**
 * What a model call costs, in US dollars per million tokens. A built-in table
 * covers a few current models; the charter's `prices:` adds to it and overrides
 * it. Local servers are free. A paid model with no known price is an error, so
 * the money budget can never be bypassed by a model the table does not know.
 */
import { StewardError } from "../errors.ts";
import type { ModelPrice } from "../problem/charter-mutators.ts";
import type { ModelSpec } from "./model-spec.ts";

export type { ModelPrice };

/** List prices (standard tier, short prompts) by "PROVIDER:MODEL". */
export const BUILT_IN_PRICES: Readonly<Record<string, ModelPrice>> = {
  "openai:gpt-5": { input: 1.25, output: 10 },
  "openai:gpt-5-mini": { input: 0.25, output: 2 },
  "openai:gpt-5-nano": { input: 0.05, output: 0.4 },
  "openai:gpt-4.1": { input: 2, output: 8 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "openai:gpt-4o": { input: 2.5, output: 10 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai:o3": { input: 2, output: 8 },
  "openai:o4-mini": { input: 1.1, output: 4.4 },
  "anthropic:claude-opus-4-5": { input: 5, output: 25 },
  "anthropic:claude-opus-4-1": { input: 15, output: 75 },
  "anthropic:claude-sonnet-4-5": { input: 3, output: 15 },
  "anthropic:claude-sonnet-4-0": { input: 3, output: 15 },
  "anthropic:claude-haiku-4-5": { input: 1, output: 5 },
  "anthropic:claude-3-5-haiku-latest": { input: 0.8, output: 4 },
  "google:gemini-2.5-pro": { input: 1.25, output: 10 },
  "google:gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "google:gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
  "google:gemini-2.0-flash": { input: 0.1, output: 0.4 },
};

const FREE: ModelPrice = { input: 0, output: 0 };

/**
 * The price of a spec's model: the charter's entry, then the built-in one (a
 * dated snapshot such as "claude-sonnet-4-5-20250929" falls back to its family),
 * then free for local servers; otherwise an error that says what to add.
 */
export function priceFor(
  spec: ModelSpec,
  charterPrices: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice {
  const keys = [spec.priceKey, withoutDate(spec.priceKey)];
  for (const table of [charterPrices, BUILT_IN_PRICES]) {
    for (const key of keys) {
      const price = table[key];
      if (price) return price;
    }
  }
  if (spec.local) return FREE;
  throw new StewardError(
    "charter-invalid",
    `no price is known for ${spec.priceKey}, so its cost cannot be counted against the budget: add it under prices: in steward.yaml, e.g. prices: { "${spec.priceKey}": { input: 1.5, output: 6 } } (US dollars per million prompt and completion tokens)`,
  );
}

/** "anthropic:claude-x-20250929" or "openai:gpt-x-2025-04-14" without the date. */
function withoutDate(key: string): string {
  return key.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "");
}

/** A safe overestimate of a text's tokens: one per three characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

/** What a call with these token counts costs, in US dollars. */
export function costUsd(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}
