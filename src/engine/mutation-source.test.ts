/**
 * The mutation source's feedback loop with an LLM-like mutator: a failed
 * candidate's error goes to its parent's next prompt, and a candidate that
 * crashed gets repair attempts, at most `repair.max_per_lineage` along a chain.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { SpendBudget } from "../llm/spend-budget.ts";
import type { LlmMutator } from "../mutate/llm/llm-mutator.ts";
import type { MutationRequest, RepairRequest } from "../mutate/mutator.ts";
import { populationConfig } from "../population/config.ts";
import { Population } from "../population/population.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { outcome } from "../store/contract/store-contract.test-kit.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import { createRng } from "../util/rng.ts";
import { MutationSource } from "./mutation-source.ts";

const EXAMPLE = new URL("../../examples/symbolic-regression", import.meta.url).pathname;
const MODEL = "fake:model";

let dir: string;
let store: Store;
let problem: Problem;
let mutateRequests: MutationRequest[];
let repairRequests: RepairRequest[];

const fake: LlmMutator = {
  name: MODEL,
  model: MODEL,
  async mutate(request) {
    mutateRequests.push(request);
    const code = `${request.parent.code}\n// variant ${mutateRequests.length}\n`;
    return { ok: true, code, operator: MODEL, rationale: "try a variant" };
  },
  async repair(request) {
    repairRequests.push(request);
    const code = `${request.code}// repaired ${repairRequests.length}\n`;
    return { ok: true, code, operator: `${MODEL}:repair`, rationale: "fixed it" };
  },
};

function crashed(message: string): EvaluationOutcome {
  return outcome({
    outcome: "crashed",
    metrics: null,
    error: { source: "candidate", message },
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-source-"));
  store = openSqliteStore(path.join(dir, "steward.db"));
  problem = loadProblem(EXAMPLE);
  mutateRequests = [];
  repairRequests = [];
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("MutationSource feedback and repair", () => {
  it("feeds failures back to the parent and repairs a crashed lineage a bounded number of times", async () => {
    const run = store.runs.create(1, {});
    const source = new MutationSource(
      {
        mutators: [fake],
        arms: [{ id: MODEL, weight: 1 }],
        budget: new SpendBudget({ maxUsd: null, maxTokens: null }),
        notes: null,
      },
      problem,
      store,
      run.id,
    );
    const seed = store.addProgram({
      hash: programHash(problem.seedCode),
      code: problem.seedCode,
      origin: "seed",
    }).program;
    const population = new Population(populationConfig({ islands: 1 }));
    population.add({
      id: seed.id,
      island: 0,
      fitness: -1,
      features: {},
      parentId: null,
      generation: 0,
    });
    const context = {
      population,
      rng: createRng(1),
      island: 0,
      inspirations: 0,
      codeOf: (id: number) => store.getProgram(id)?.code ?? "",
      signal: new AbortController().signal,
    };
    let nextId = 1;
    const fail = async (message: string) => {
      const next = await source.next(context);
      if (next.kind !== "candidate") throw new Error(`expected a candidate, got ${next.kind}`);
      const program = store.addProgram({
        hash: programHash(next.code),
        code: next.code,
        parentIds: [next.parentId],
        origin: next.mutator,
      }).program;
      source.acknowledged({
        id: nextId++,
        programId: program.id,
        parentId: next.parentId,
        island: next.island,
        generation: next.generation,
        mutator: next.mutator,
        operator: next.operator,
        code: next.code,
        outcome: crashed(message),
        fitness: null,
        rationale: next.rationale,
      });
      return { next, program };
    };

    const first = await fail("TypeError: bins.map is not a function");
    expect(first.next.operator).toBe(MODEL);
    // The crash is repaired first: the fix's parent is the crashed program.
    const fix1 = await fail("RangeError: still broken");
    expect(fix1.next.operator).toBe(`${MODEL}:repair`);
    expect(fix1.next.parentId).toBe(first.program.id);
    expect(repairRequests[0]?.error).toMatch(/bins\.map is not a function/);
    const fix2 = await fail("RangeError: broken again");
    expect(fix2.next.operator).toBe(`${MODEL}:repair`);
    expect(fix2.next.parentId).toBe(fix1.program.id);
    // repair.max_per_lineage (2) is spent: back to mutating a parent from the population.
    const after = await source.next(context);
    expect(after.kind === "candidate" && after.operator).toBe(MODEL);
    expect(repairRequests).toHaveLength(2);
    // The seed's next prompt carries its failed child's error.
    expect(mutateRequests.at(-1)?.feedback[0]).toMatch(/crashed: TypeError: bins\.map/);
  });
});

describe("MutationSource state", () => {
  it("keeps the bandit's statistics across a save and a restore (resume)", async () => {
    const run = store.runs.create(1, {});
    const built = () => ({
      mutators: [fake, { ...fake, name: "other:model" }],
      llm: new Map([[MODEL, fake]]),
      arms: [
        { id: MODEL, weight: 1 },
        { id: "other:model", weight: 2 },
      ],
      budget: new SpendBudget({ maxUsd: null, maxTokens: null }),
      notes: null,
    });
    const first = new MutationSource(built(), problem, store, run.id);
    first.bandit?.update(MODEL, { reward: 1, cost: 0.01 });
    first.bandit?.update("other:model", { reward: 0, cost: 0.02 });
    const saved = JSON.parse(JSON.stringify(first.save())) as unknown;
    const resumed = new MutationSource(built(), problem, store, run.id);
    resumed.restore(saved);
    expect(resumed.bandit?.stats()).toEqual(first.bandit?.stats());
    expect(resumed.bandit?.stats().map((s) => s.pulls)).toEqual([1, 1]);
  });
});
