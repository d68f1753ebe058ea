import { describe, expect, it } from "vitest";
import { createModelClient } from "../../src/llm/ai-sdk-client.ts";
import { apiKeyFor, parseModelSpec } from "../../src/llm/model-spec.ts";
import { costUsd, estimateTokens, priceFor } from "../../src/llm/prices.ts";
import { MODEL_SPEC_PATTERN } from "../../src/problem/charter-mutators.ts";

describe("model specs", () => {
  it("parses providers, aliases and base URLs", () => {
    expect(parseModelSpec("openai:gpt-4.1-mini")).toMatchObject({
      provider: "openai",
      model: "gpt-4.1-mini",
      sdk: "openai",
      baseUrl: null,
      keyVariable: "OPENAI_API_KEY",
      local: false,
    });
    expect(parseModelSpec("anthropic:claude-sonnet-4-5@http://127.0.0.1:9/v1/")).toMatchObject({
      sdk: "anthropic",
      baseUrl: "http://127.0.0.1:9/v1",
      priceKey: "anthropic:claude-sonnet-4-5",
    });
    expect(parseModelSpec("ollama:qwen2.5-coder:7b")).toMatchObject({
      sdk: "openai-compatible",
      model: "qwen2.5-coder:7b",
      baseUrl: "http://127.0.0.1:11434/v1",
      keyVariable: null,
      local: true,
    });
    expect(parseModelSpec("llamacpp:any").baseUrl).toBe("http://127.0.0.1:8080/v1");
    expect(parseModelSpec("lmstudio:any").baseUrl).toBe("http://127.0.0.1:1234/v1");
    expect(parseModelSpec("vllm:any").baseUrl).toBe("http://127.0.0.1:8000/v1");
    expect(parseModelSpec("openrouter:deepseek/deepseek-chat")).toMatchObject({
      baseUrl: "https://openrouter.ai/api/v1",
      keyVariable: "OPENROUTER_API_KEY",
      local: false,
    });
    expect(parseModelSpec("openai-compatible:m@http://localhost:5000/v1").local).toBe(true);
    expect(parseModelSpec("openai-compatible:m@https://api.together.xyz/v1").local).toBe(false);
  });

  it("accepts every spec the charter accepts, or explains what is wrong", () => {
    for (const text of ["openai:gpt-4o", "google:gemini-2.5-flash", "vllm:a/b@http://h:1/v1"]) {
      expect(MODEL_SPEC_PATTERN.test(text)).toBe(true);
      expect(() => parseModelSpec(text)).not.toThrow();
    }
    expect(() => parseModelSpec("mistral:large")).toThrow(/PROVIDER one of openai, anthropic/);
    expect(() => parseModelSpec("openai-compatible:m")).toThrow(/needs the server's URL/);
    expect(() => parseModelSpec("openai:gpt-4o@ftp://x")).toThrow(/not an http\(s\) URL/);
    expect(() => parseModelSpec("vllm:m@http://user:pw@10.0.0.2:8000/v1")).toThrow(
      /holds credentials.*put the key in STEWARD_LLM_API_KEY/,
    );
  });

  it("reads keys from the environment and names a missing one", () => {
    const spec = parseModelSpec("anthropic:claude-haiku-4-5");
    expect(apiKeyFor(spec, { ANTHROPIC_API_KEY: " k " })).toBe("k");
    expect(() => apiKeyFor(spec, {})).toThrow(
      "ANTHROPIC_API_KEY is not set: set it to use anthropic:claude-haiku-4-5, or pass --model with another provider",
    );
    expect(() => createModelClient({ spec: "google:gemini-2.5-pro", env: {} })).toThrow(
      /GOOGLE_GENERATIVE_AI_API_KEY is not set/,
    );
    expect(() => createModelClient({ spec: "openrouter:x/y", env: {} })).toThrow(
      /OPENROUTER_API_KEY is not set/,
    );
    expect(apiKeyFor(parseModelSpec("ollama:m"), {})).toBeUndefined();
    expect(apiKeyFor(parseModelSpec("ollama:m"), { STEWARD_LLM_API_KEY: "s" })).toBe("s");
  });
});

describe("prices", () => {
  it("uses the charter, then the built-in table, then free for local servers", () => {
    const charter = {
      "openai:gpt-4o": { input: 1, output: 2 },
      "vllm:big": { input: 0.5, output: 0.5 },
    };
    expect(priceFor(parseModelSpec("openai:gpt-4o"), charter)).toEqual({ input: 1, output: 2 });
    expect(priceFor(parseModelSpec("openai:gpt-4o-mini"), charter)).toEqual({
      input: 0.15,
      output: 0.6,
    });
    expect(priceFor(parseModelSpec("anthropic:claude-sonnet-4-5-20250929"))).toEqual({
      input: 3,
      output: 15,
    });
    expect(priceFor(parseModelSpec("ollama:qwen"))).toEqual({ input: 0, output: 0 });
    expect(priceFor(parseModelSpec("vllm:big"), charter)).toEqual({ input: 0.5, output: 0.5 });
  });

  it("refuses a paid model without a price, saying where to add one", () => {
    for (const text of ["openai:gpt-99", "openrouter:x/y", "openai-compatible:m@https://h/v1"]) {
      expect(() => priceFor(parseModelSpec(text))).toThrow(/add it under prices: in steward\.yaml/);
    }
    expect(() =>
      createModelClient({ spec: "openai:gpt-99", env: { OPENAI_API_KEY: "k" } }),
    ).toThrow(/no price is known for openai:gpt-99/);
  });

  it("estimates tokens high and prices both sides", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(2);
    expect(costUsd({ input: 2, output: 8 }, 1_000_000, 500_000)).toBe(6);
  });
});
