/**
 * `steward run` with an LLM mutator against the local provider server: the
 * recorded diff improves the bin-packing seed, its rationale and token counts are
 * stored, meta-notes are written, and the run stops at the money budget with the
 * spend inside it. No key, no internet: the "provider" is on 127.0.0.1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import {
  fixture,
  type LlmServer,
  type RecordedRequest,
  startLlmServer,
} from "../helpers/llm-server.ts";
import { copyExample, stewardDone } from "../helpers/run-cli.ts";

const KEY = "sk-test-llm-run-never-in-a-sandbox";
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("steward run with an LLM mutator", () => {
  let server: LlmServer;

  it("improves bin packing with the recorded diff and stops at the money budget", async () => {
    server = await startLlmServer();
    cleanups.push(() => server.close());
    const copy = copyExample("bin-packing");
    cleanups.push(copy.remove);
    const config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-llm-config-"));
    cleanups.push(() => fs.rmSync(config, { recursive: true, force: true }));
    const model = `openai:gpt-4.1-mini@${server.url}`;
    // Round prices so the budget arithmetic is easy to follow: a recorded call
    // (1480 + 262 tokens) costs $0.1742; a call reserves about $0.4 up front.
    fs.appendFileSync(
      path.join(copy.dir, "steward.yaml"),
      [
        "mutators:",
        `  - model: "${model}"`,
        "    max_tokens: 2000",
        "    timeout_ms: 20000",
        "prices:",
        '  "openai:gpt-4.1-mini": { input: 100, output: 100 }',
        "budget:",
        "  money: 1",
        "meta_notes:",
        "  every: 2",
        "",
      ].join("\n"),
    );
    stabilityOff(copy.dir);
    const notesCall = (r: RecordedRequest) => r.system.includes("keep short, concrete notes");
    server.script(
      fixture("meta-notes", { when: notesCall, repeat: Number.POSITIVE_INFINITY }),
      fixture("bin-packing-improve"),
      fixture("prose-only", { repeat: Number.POSITIVE_INFINITY }),
    );

    const result = await stewardDone(["run", copy.dir, "--workers", "1", "--max-evals", "30"], {
      OPENAI_API_KEY: KEY,
      STEWARD_CONFIG_DIR: config,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/reached the LLM budget/);

    const store = openSqliteStore(problemStorePath(copy.dir));
    cleanups.push(() => store.close());
    const run1 = store.runs.latest();
    expect(run1?.stopReason).toBe("max-spend");
    const candidates = store.runs.candidates(run1?.id ?? 0);
    const seed = candidates.find((c) => c.mutator === "seed");
    const improved = candidates.find((c) => c.mutator === model);
    expect(improved?.rationale).toMatch(/sliver of room/);
    expect(improved?.arm).toBe(model);
    expect(improved?.outcome).toBe("ok");
    // Higher fitness is better (the objective, excess, is minimised).
    expect(improved?.fitness ?? -1).toBeGreaterThan(seed?.fitness ?? 0);

    // Every call is accounted: tokens, cost, outcome; the spend stays inside the budget.
    const [spend] = store.llm.spendByModel(run1?.id);
    expect(spend?.model).toBe(model);
    expect(spend?.promptTokens).toBeGreaterThan(0);
    expect(spend?.completionTokens).toBeGreaterThan(0);
    expect(spend?.cost ?? 2).toBeLessThanOrEqual(1);
    expect(spend?.cost ?? 0).toBeGreaterThan(0.5);
    // One more call was refused by the budget before it was sent, and logged as such.
    expect(spend?.failed).toBe(1);
    expect(server.requests.length).toBe((spend?.calls ?? 0) - 1);

    // The model saw the problem and the parent; the key went only in the header.
    const first = server.requests[0];
    expect(first?.prompt).toContain("EVOLVE-BLOCK-START");
    expect(first?.prompt).toMatch(/bin/i);
    expect(first?.headers.authorization).toBe(`Bearer ${KEY}`);
    for (const request of server.requests) expect(request.raw).not.toContain(KEY);
    // ...and never reached an evaluation.
    for (const c of candidates) {
      for (const e of store.listEvaluations(c.programId)) {
        expect(JSON.stringify(e)).not.toContain(KEY);
      }
    }

    // Meta-notes were written and went into later prompts.
    const notes = store.llm.notes(run1?.id ?? 0);
    expect(notes.length).toBeGreaterThan(0);
    const later = server.requests.filter((r) => !notesCall(r)).at(-1);
    expect(later?.prompt).toContain((notes[0]?.text ?? "").split("\n")[0]?.slice(2, 30));

    // The proposal a reviewer sees carries the model's rationale.
    const proposal = store.oversight
      .listProposals()
      .find((p) => p.programId === improved?.programId);
    expect(proposal?.content.rationale).toMatch(/sliver of room/);
  }, 600_000);
});

describe("steward run with gp and a model", () => {
  it("lets the bandit use both, stores the arm per candidate, and reports them", async () => {
    const server = await startLlmServer([
      fixture("bin-packing-improve"),
      fixture("prose-only", { repeat: Number.POSITIVE_INFINITY }),
    ]);
    cleanups.push(() => server.close());
    const copy = copyExample("bin-packing");
    cleanups.push(copy.remove);
    const config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-llm-config-"));
    cleanups.push(() => fs.rmSync(config, { recursive: true, force: true }));
    // A local OpenAI-compatible server: no key, no cost.
    const model = `openai-compatible:replay@${server.url}`;
    fs.appendFileSync(
      path.join(copy.dir, "steward.yaml"),
      `mutators:\n  - gp\n  - model: "${model}"\n    weight: 2\n`,
    );
    stabilityOff(copy.dir);
    const result = await stewardDone(["run", copy.dir, "--workers", "1", "--max-evals", "8"], {
      STEWARD_CONFIG_DIR: config,
    });
    expect(result.status, result.stderr).toBe(0);
    const store = openSqliteStore(problemStorePath(copy.dir));
    cleanups.push(() => store.close());
    const candidates = store.runs.candidates(store.runs.latest()?.id ?? 0);
    const arms = new Set(candidates.map((c) => c.arm).filter((a) => a !== null));
    expect([...arms].sort()).toEqual(["gp", model].sort());
    // The heavier arm is tried first, and its recorded diff beats its parent.
    const first = candidates.find((c) => c.arm === model);
    expect(first?.reward).toBe(1);
    const status = await stewardDone(["status", copy.dir]);
    expect(status.stdout).toMatch(/mutators: .*gp \d+/);
    expect(status.stdout).toContain(`${model}: `);
  }, 600_000);
});

/** Turns the stability gate off in the example's own `gates.stability` section (saves its re-runs). */
function stabilityOff(dir: string): void {
  const file = path.join(dir, "steward.yaml");
  const text = fs.readFileSync(file, "utf8");
  expect(text).toMatch(/^gates:\n {2}stability:\n/m);
  fs.writeFileSync(
    file,
    text.replace(/^gates:\n {2}stability:\n/m, "gates:\n  stability:\n    runs: 0\n"),
  );
}
