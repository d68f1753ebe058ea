/**
 * The LLM mutator end to end against the local provider server: a recorded
 * reply that improves bin packing, every kind of bad reply turned into a typed
 * refusal after exactly one retry with feedback, repair, meta-notes, and the
 * money budget stopping the calls.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { weibullInstances } from "../../examples/bin-packing/lib/weibull.ts";
import { createModelClient } from "../../src/llm/ai-sdk-client.ts";
import type { CallRecord } from "../../src/llm/call-log.ts";
import { SpendBudget } from "../../src/llm/spend-budget.ts";
import { applyReply } from "../../src/mutate/llm/edits/index.ts";
import { createLlmMutator } from "../../src/mutate/llm/llm-mutator.ts";
import { isBudgetExhausted } from "../../src/mutate/llm/llm-result.ts";
import { summariseResults } from "../../src/mutate/llm/meta-notes.ts";
import { loadTemplates } from "../../src/mutate/llm/templates.ts";
import type { MutationRequest } from "../../src/mutate/mutator.ts";
import { createRng } from "../../src/util/rng.ts";
import { fixture, type LlmServer, startLlmServer } from "../helpers/llm-server.ts";

const PARENT = readFileSync(
  new URL("../../examples/bin-packing/program.ts", import.meta.url),
  "utf8",
);
const KEY = "sk-test-never-in-a-prompt";
const PROBLEM: MutationRequest["problem"] = {
  description: "Online bin packing: improve priority(item, bins).",
  objective: { metric: "excess", direction: "minimize" },
  language: "typescript",
};

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

function mutator() {
  const model = `openai:gpt-4.1-mini@${server.url}`;
  return createLlmMutator({
    client: createModelClient({ spec: model, env: { OPENAI_API_KEY: KEY } }),
    config: { model, weight: 1, temperature: 0.8, maxTokens: 2000, timeoutMs: 5000 },
    budget,
    callLog: { record: (call) => records.push(call) },
    templates: loadTemplates(),
    metaNotes: () => "- exact fits matter",
    retry: { maxAttempts: 2, baseDelayMs: 10 },
  });
}

function request(): MutationRequest {
  return {
    parent: { id: 1, code: PARENT, metrics: { excess: 0.0408 } },
    inspirations: [],
    problem: PROBLEM,
    feedback: ["candidate 7 crashed: RangeError: invalid array length"],
    rng: createRng(3),
  };
}

describe("the LLM mutator", () => {
  it("turns a recorded reply into a better bin packing heuristic", {
    timeout: 600_000,
  }, async () => {
    server.script(fixture("bin-packing-improve"));
    const result = await mutator().mutate(request());
    expect(result).toMatchObject({ ok: true, operator: `openai:gpt-4.1-mini@${server.url}` });
    if (!result.ok) return;
    expect(result.rationale).toMatch(/^Best Fit leaves many bins with a sliver/);
    expect(result.code).toContain("const sliver = left > 0 && left < 0.3 * capacity");
    const [sent] = server.requests;
    expect(sent?.prompt).toContain(PARENT.trimEnd());
    expect(sent?.prompt).toContain("RangeError: invalid array length");
    expect(sent?.prompt).toContain("- exact fits matter");
    expect(sent?.system).toContain("<<<<<<< SEARCH");
    expect(sent?.raw).not.toContain(KEY);
    expect(records).toEqual([expect.objectContaining({ outcome: "ok", purpose: "mutate" })]);
    const seed = await binsUsed(PARENT);
    const evolved = await binsUsed(result.code);
    // Best Fit uses 2075 bins on this instance; the recorded edit saves 25 of them.
    expect(evolved).toBeLessThan(seed * 0.99);
  });

  const BAD = [
    ["outside-blocks", "refused", "outside-blocks"],
    ["ambiguous", "refused", "ambiguous"],
    ["prose-only", "refused", "no-code"],
    ["truncated", "refused", "malformed"],
  ] as const;
  for (const [name, reason, edit] of BAD) {
    it(`refuses the ${name} reply after one retry with feedback`, {
      timeout: 600_000,
    }, async () => {
      server.script(fixture(name, { repeat: 2 }));
      const result = await mutator().mutate(request());
      expect(result).toMatchObject({ ok: false, reason, failure: { kind: "edit", reason: edit } });
      expect(isBudgetExhausted(result)).toBe(false);
      expect(server.requests).toHaveLength(2);
      const [first, second] = server.requests;
      expect(first?.prompt).not.toContain("Your edit could not be applied");
      expect(second?.prompt).toContain("# Your previous reply");
      const feedback = applyReply(PARENT, fixture(name).reply);
      expect(!feedback.ok && second?.prompt).toContain(!feedback.ok && feedback.message);
    });
  }

  it("succeeds when the retry's edit applies", { timeout: 600_000 }, async () => {
    server.script(fixture("outside-blocks"), fixture("bin-packing-improve"));
    const result = await mutator().mutate(request());
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("reports a failed call as a typed error", { timeout: 600_000 }, async () => {
    server.script({ status: 503, repeat: Number.POSITIVE_INFINITY });
    const result = await mutator().mutate(request());
    expect(result).toMatchObject({
      ok: false,
      reason: "error",
      failure: { kind: "call", reason: "server-error" },
    });
    expect(server.requests).toHaveLength(2);
  });

  it("repairs a candidate that crashed", { timeout: 600_000 }, async () => {
    server.script(fixture("repair-typo"));
    const broken = PARENT.replace("- item))", "- itm))");
    const m = mutator();
    const result = await m.repair({
      code: broken,
      error: "ReferenceError: itm is not defined\n    at priority (program.ts:13:38)",
      problem: PROBLEM,
      rng: createRng(1),
    });
    expect(result).toMatchObject({ ok: true, code: PARENT, operator: `${m.model}:repair` });
    expect(server.requests[0]?.prompt).toContain("ReferenceError: itm is not defined");
    expect(server.requests[0]?.prompt).toContain("- itm))");
    expect(records[0]?.purpose).toBe("repair");
  });

  it("stops at the money budget, spending no more than it allows", {
    timeout: 600_000,
  }, async () => {
    server.script(fixture("bin-packing-improve", { repeat: Number.POSITIVE_INFINITY }));
    // Every mutation sends the same prompt, so it reserves the same worst case.
    const probe = new WatchedBudget({ maxUsd: null, maxTokens: null });
    budget = probe;
    await mutator().mutate(request());
    const perCall = probe.lastReservation;
    const limit = perCall * 2.5;
    budget = new SpendBudget({ maxUsd: limit, maxTokens: null });
    const m = mutator();
    let ok = 0;
    let last: Awaited<ReturnType<typeof m.mutate>> | undefined;
    for (let i = 0; i < 20 && !(last && isBudgetExhausted(last)); i++) {
      last = await m.mutate(request());
      if (last.ok) ok++;
    }
    expect(last).toMatchObject({ ok: false, reason: "refused", failure: { kind: "budget" } });
    expect(!last?.ok && last?.message).toMatch(/^budget: money budget/);
    expect(ok).toBeGreaterThanOrEqual(2);
    const spent = budget.spent().usd;
    expect(spent).toBeLessThanOrEqual(limit);
    expect(spent + perCall).toBeGreaterThan(limit);
    expect(server.requests).toHaveLength(1 + ok);
    expect(records.at(-1)).toMatchObject({ outcome: "budget", costUsd: 0 });
  });

  it("writes meta-notes from recent results", { timeout: 600_000 }, async () => {
    server.script(fixture("meta-notes"));
    const model = `anthropic:claude-haiku-4-5@${server.url}`;
    const result = await summariseResults(
      {
        client: createModelClient({ spec: model, env: { ANTHROPIC_API_KEY: KEY } }),
        budget,
        log: { record: (call) => records.push(call) },
        config: { model, weight: 1, temperature: null, maxTokens: 4096, timeoutMs: 5000 },
        templates: loadTemplates(),
      },
      {
        problem: PROBLEM,
        recent: [
          {
            operator: "openai:gpt-4.1-mini",
            outcome: "improved",
            metrics: { excess: 0.023 },
            note: "sliver penalty",
          },
          { operator: "gp", outcome: "failed", metrics: null, note: "RangeError" },
        ],
        previousNotes: "",
        rng: createRng(2),
      },
    );
    expect(result).toMatchObject({ ok: true, notes: expect.stringMatching(/^- Penalising small/) });
    const sent = server.requests[0];
    expect(sent?.prompt).toContain(
      "- improved (excess = 0.023; by openai:gpt-4.1-mini): sliver penalty",
    );
    expect(sent?.prompt).toContain("- failed (not scored yet; by gp): RangeError");
    expect(sent?.body.max_tokens).toBe(1024);
    expect(records[0]?.purpose).toBe("meta-notes");
  });
});

/** A budget that remembers the last reservation asked of it. */
class WatchedBudget extends SpendBudget {
  lastReservation = 0;
  override reserve(usd: number, tokens: number) {
    this.lastReservation = usd;
    return super.reserve(usd, tokens);
  }
}

/** Bins used on one generated training instance by a program's `priority`. */
async function binsUsed(code: string): Promise<number> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const mod = (await import(`data:text/javascript,${encodeURIComponent(js)}`)) as {
    priority: (item: number, bins: number[]) => number[];
  };
  const [instance] = weibullInstances({ seed: 20231214, instances: 1, items: 5000, prefix: "t" });
  if (!instance) throw new Error("no instance");
  const open: number[] = [];
  for (const item of instance.items) {
    const fits = open.flatMap((room, i) => (room >= item ? [i] : []));
    const scores = mod.priority(item, [...fits.map((i) => open[i] ?? 0), instance.capacity]);
    let best = 0;
    for (let k = 1; k < scores.length; k++) if ((scores[k] ?? 0) > (scores[best] ?? 0)) best = k;
    const bin = fits[best];
    if (bin === undefined) open.push(instance.capacity - item);
    else open[bin] = (open[bin] ?? 0) - item;
  }
  return open.length;
}
