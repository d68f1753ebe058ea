/**
 * The accounted call against the local provider server: retries with
 * Retry-After, bounded attempts, timeouts, cut replies, refused keys, and the
 * budget and call log that see every attempt.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createModelClient } from "../../src/llm/ai-sdk-client.ts";
import type { CallRecord } from "../../src/llm/call-log.ts";
import { type CallRequest, callModel } from "../../src/llm/call-model.ts";
import { SpendBudget } from "../../src/llm/spend-budget.ts";
import { createRng } from "../../src/util/rng.ts";
import { fixture, type LlmServer, startLlmServer } from "../helpers/llm-server.ts";
import { waitUntil } from "../helpers/wait.ts";

const ENV = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "sk-ant-test" };
const REQUEST: CallRequest = {
  system: "sys",
  prompt: "improve it",
  maxTokens: 1000,
  temperature: null,
  purpose: "mutate",
  // Generous: a loaded machine can take seconds to answer from 127.0.0.1; the
  // timeout test sets its own.
  timeoutMs: 120_000,
};
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 2000 };

let server: LlmServer;
let records: CallRecord[];
let budget: SpendBudget;
beforeEach(async () => {
  server = await startLlmServer();
  records = [];
  budget = new SpendBudget({ maxUsd: 1, maxTokens: null });
});
afterEach(async () => {
  await server.close();
});

function deps(spec = "openai:gpt-4.1-mini") {
  return {
    client: createModelClient({ spec: `${spec}@${server.url}`, env: ENV }),
    budget,
    log: { record: (call: CallRecord) => records.push(call) },
    rng: createRng(7),
    retry: FAST_RETRY,
  };
}

describe("callModel", () => {
  it("waits out a 429's Retry-After, then succeeds and settles the cost", {
    timeout: 600_000,
  }, async () => {
    server.script(
      { status: 429, headers: { "retry-after": "0.3" }, message: "slow down" },
      fixture("bin-packing-improve"),
    );
    const started = Date.now();
    const result = await callModel(deps(), REQUEST);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(records.map((r) => r.outcome)).toEqual(["error", "ok"]);
    expect(records[0]?.error).toContain("slow down");
    expect(records[0]?.costUsd).toBe(0);
    const cost = (1480 * 0.4 + 262 * 1.6) / 1e6;
    expect(records[1]).toMatchObject({
      model: expect.stringContaining("openai:gpt-4.1-mini"),
      purpose: "mutate",
      promptTokens: 1480,
      completionTokens: 262,
    });
    expect(budget.spent().usd).toBeCloseTo(cost, 12);
    expect(budget.spent().tokens).toBe(1480 + 262);
    expect(budget.reserved()).toEqual({ usd: 0, tokens: 0 });
  });

  it("gives up on 500 forever after the bounded attempts, with a typed failure", {
    timeout: 600_000,
  }, async () => {
    server.script({ status: 500, message: "overloaded", repeat: Number.POSITIVE_INFINITY });
    const result = await callModel(deps("anthropic:claude-haiku-4-5"), REQUEST);
    expect(result).toMatchObject({ ok: false, reason: "server-error", attempts: 3 });
    expect(!result.ok && result.message).toMatch(/HTTP 500: overloaded \(after 3 attempts\)/);
    expect(server.requests).toHaveLength(3);
    expect(records.map((r) => r.outcome)).toEqual(["error", "error", "error"]);
    expect(budget.spent()).toEqual({ usd: 0, tokens: 0 });
    expect(budget.reserved()).toEqual({ usd: 0, tokens: 0 });
  });

  it("times out a slow reply, retries, and charges what may have been billed", {
    timeout: 600_000,
  }, async () => {
    // Without the timeout each reply would arrive after 2 s and be accepted: a
    // "timeout" result on both attempts is the proof, whatever the machine's speed.
    server.script({ ...fixture("prose-only"), delayMs: 2000, repeat: 2 });
    const result = await callModel(
      { ...deps(), retry: { ...FAST_RETRY, maxAttempts: 2 } },
      { ...REQUEST, timeoutMs: 200 },
    );
    expect(result).toMatchObject({ ok: false, reason: "timeout", attempts: 2 });
    expect(!result.ok && result.message).toContain("timeout_ms");
    expect(records.map((r) => r.outcome)).toEqual(["timeout", "timeout"]);
    expect(budget.spent().usd).toBeGreaterThan(0);
    expect(budget.spent().usd).toBeCloseTo((records[0]?.costUsd ?? 0) * 2, 12);
  });

  it("retries a reply cut off mid-body, charging the cut one", { timeout: 600_000 }, async () => {
    server.script({ ...fixture("prose-only"), cut: true }, fixture("prose-only"));
    const result = await callModel(deps(), REQUEST);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(records[0]).toMatchObject({ outcome: "error", costUsd: expect.any(Number) });
    expect(records[0]?.costUsd).toBeGreaterThan(0);
    expect(budget.spent().usd).toBeCloseTo(
      (records[0]?.costUsd ?? 0) + (records[1]?.costUsd ?? 0),
      12,
    );
  });

  it("does not retry a refused key, and says which variable holds it", {
    timeout: 600_000,
  }, async () => {
    server.script({ status: 401, message: "invalid x-api-key", repeat: 5 });
    const result = await callModel(deps(), REQUEST);
    expect(result).toMatchObject({ ok: false, reason: "auth", attempts: 1 });
    expect(!result.ok && result.message).toContain("OPENAI_API_KEY");
    expect(records.map((r) => r.outcome)).toEqual(["refused"]);
  });

  it("does not retry a rejected request", { timeout: 600_000 }, async () => {
    server.script({ status: 400, message: "max_tokens is too large", repeat: 5 });
    const result = await callModel(deps(), REQUEST);
    expect(result).toMatchObject({ ok: false, reason: "rejected", attempts: 1 });
  });

  it("refuses a call the budget cannot cover, without sending it", {
    timeout: 600_000,
  }, async () => {
    budget = new SpendBudget({ maxUsd: 0.001, maxTokens: null });
    server.script(fixture("prose-only"));
    const result = await callModel(deps(), REQUEST);
    expect(result).toMatchObject({ ok: false, reason: "budget", attempts: 1 });
    expect(!result.ok && result.message).toContain("budget.money");
    expect(server.requests).toHaveLength(0);
    expect(records).toEqual([expect.objectContaining({ outcome: "budget", costUsd: 0 })]);
  });

  it("stops retrying when the run stops, without charging what was never sent", {
    timeout: 600_000,
  }, async () => {
    // A Retry-After long enough that the abort, sent once the first request
    // has arrived, always lands during the wait however slow the machine is.
    server.script({ status: 503, headers: { "retry-after": "50" }, repeat: 5 });
    const stop = new AbortController();
    // Without the abort the call would retry 3 more times (one request each):
    // one request and an "aborted" result are the proof.
    const call = callModel(
      { ...deps(), retry: { ...FAST_RETRY, maxRetryAfterMs: 120_000 } },
      { ...REQUEST, signal: stop.signal },
    );
    await waitUntil(() => server.requests.length === 1, "the first request");
    stop.abort();
    const result = await call;
    expect(result).toMatchObject({ ok: false, reason: "aborted", attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(budget.spent()).toEqual({ usd: 0, tokens: 0 });
  });

  it("ends a connection failure with a typed failure", { timeout: 600_000 }, async () => {
    const url = server.url;
    await server.close();
    const client = createModelClient({ spec: `openai:gpt-4o@${url}`, env: ENV });
    const result = await callModel({ ...deps(), client }, REQUEST);
    expect(result).toMatchObject({ ok: false, reason: "connection", attempts: 3 });
    server = await startLlmServer();
  });
});
