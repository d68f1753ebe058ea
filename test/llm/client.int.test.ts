/**
 * The AI SDK client against the local provider server: OpenAI chat completions,
 * Anthropic messages and an OpenAI-compatible alias, with token accounting and
 * cost; the server's streaming replies read by the SDK; no secret sent.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createModelClient } from "../../src/llm/ai-sdk-client.ts";
import type { ModelRequest } from "../../src/llm/language-model.ts";
import { fixture, type LlmServer, startLlmServer } from "../helpers/llm-server.ts";

const KEYS = {
  OPENAI_API_KEY: "sk-test-openai-SECRET",
  ANTHROPIC_API_KEY: "sk-ant-test-SECRET",
  STEWARD_LLM_API_KEY: "local-test-SECRET",
};
const REQUEST: ModelRequest = {
  system: "You improve programs.",
  prompt: "Improve this: return 1;",
  maxTokens: 500,
  temperature: 0.7,
  purpose: "mutate",
};

let server: LlmServer;
beforeEach(async () => {
  server = await startLlmServer();
});
afterEach(async () => {
  await server.close();
});

describe("the AI SDK client", () => {
  it("talks OpenAI chat completions and prices the tokens", { timeout: 600_000 }, async () => {
    server.script(fixture("bin-packing-improve"));
    const client = createModelClient({ spec: `openai:gpt-4.1-mini@${server.url}`, env: KEYS });
    const reply = await client.complete(REQUEST);
    expect(reply.text).toContain("<<<<<<< SEARCH");
    expect(reply).toMatchObject({
      promptTokens: 1480,
      completionTokens: 262,
      finishReason: "stop",
    });
    // gpt-4.1-mini: $0.40 in, $1.60 out per million tokens.
    expect(reply.costUsd).toBeCloseTo((1480 * 0.4 + 262 * 1.6) / 1e6, 12);
    const [request] = server.requests;
    expect(request).toMatchObject({ api: "openai", model: "gpt-4.1-mini", stream: false });
    expect(request?.system).toBe(REQUEST.system);
    expect(request?.prompt).toBe(REQUEST.prompt);
    expect(request?.body).toMatchObject({ max_tokens: 500, temperature: 0.7 });
    expect(request?.headers.authorization).toBe(`Bearer ${KEYS.OPENAI_API_KEY}`);
  });

  it("talks Anthropic messages", { timeout: 600_000 }, async () => {
    server.script(fixture("truncated"));
    const client = createModelClient({
      spec: `anthropic:claude-sonnet-4-5@${server.url}`,
      env: KEYS,
    });
    const reply = await client.complete({ ...REQUEST, temperature: null });
    expect(reply).toMatchObject({
      promptTokens: 1480,
      completionTokens: 64,
      finishReason: "length",
    });
    expect(reply.costUsd).toBeCloseTo((1480 * 3 + 64 * 15) / 1e6, 12);
    const [request] = server.requests;
    expect(request).toMatchObject({ api: "anthropic", model: "claude-sonnet-4-5" });
    expect(request?.system).toBe(REQUEST.system);
    expect(request?.body.max_tokens).toBe(500);
    expect(request?.body).not.toHaveProperty("temperature");
    expect(request?.headers["x-api-key"]).toBe(KEYS.ANTHROPIC_API_KEY);
  });

  it("talks to a local OpenAI-compatible server for free", { timeout: 600_000 }, async () => {
    server.script(fixture("prose-only"));
    const client = createModelClient({ spec: `ollama:qwen2.5-coder@${server.url}`, env: KEYS });
    const reply = await client.complete(REQUEST);
    expect(reply.text).toContain("penalise bins");
    expect(reply.costUsd).toBe(0);
    expect(reply.promptTokens).toBe(1480);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEYS.STEWARD_LLM_API_KEY}`);
  });

  it("sends keys only in their header, never in a body", { timeout: 600_000 }, async () => {
    server.script(fixture("prose-only"), fixture("prose-only"));
    for (const spec of ["openai:gpt-4o", "anthropic:claude-haiku-4-5"]) {
      await createModelClient({ spec: `${spec}@${server.url}`, env: KEYS }).complete(REQUEST);
    }
    for (const request of server.requests) {
      for (const secret of Object.values(KEYS)) expect(request.raw).not.toContain(secret);
      const other = Object.entries(request.headers).filter(
        ([name]) => name !== "authorization" && name !== "x-api-key",
      );
      expect(JSON.stringify(other)).not.toContain("SECRET");
    }
  });
});

describe("the test server's streaming replies", () => {
  it("streams OpenAI chunks with usage", { timeout: 600_000 }, async () => {
    server.script(fixture("bin-packing-improve"));
    const model = createOpenAI({ baseURL: server.url, apiKey: "k" }).chat("gpt-4o");
    const result = streamText({ model, prompt: "hi", maxRetries: 0 });
    expect(await result.text).toBe(fixture("bin-packing-improve").reply);
    expect((await result.usage).outputTokens).toBe(262);
    expect(server.requests[0]?.stream).toBe(true);
  });

  it("streams Anthropic events with usage", { timeout: 600_000 }, async () => {
    server.script(fixture("truncated"));
    const model = createAnthropic({ baseURL: server.url, apiKey: "k" })("claude-haiku-4-5");
    const result = streamText({ model, prompt: "hi", maxRetries: 0 });
    expect(await result.text).toBe(fixture("truncated").reply);
    expect(await result.usage).toMatchObject({ inputTokens: 1480, outputTokens: 64 });
    expect(await result.finishReason).toBe("length");
  });
});
