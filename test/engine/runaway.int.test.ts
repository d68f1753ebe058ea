/**
 * `limits.eval_timeout_ms: auto` in a real bin-packing run: a candidate whose
 * `priority` loops forever is cut at a limit derived from the champion's time
 * (far below the fixed 120 s), and an honest candidate many times slower than
 * the champion but within that limit is not cut. The limit is read from what
 * the run recorded, never from wall-clock time.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evolve } from "../../src/engine/evolve.ts";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import type { Mutator } from "../../src/mutate/mutator.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { copyExample } from "../helpers/run-cli.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const BLOCK = /\/\/ EVOLVE-BLOCK-START\n[\s\S]*?\/\/ EVOLVE-BLOCK-END/;

/**
 * Best Fit doing its work three times over: slower than the seed in proportion
 * (so on a busy machine too), well within factor 4 of it.
 */
const SLOW = `// EVOLVE-BLOCK-START
export function priority(item: number, bins: number[]): number[] {
  let scores = bins.map((bin) => bin - item);
  for (let round = 0; round < 3; round++) scores = scores.map((room, i) => -(bins[i] - item) + room * 0);
  return scores;
}
// EVOLVE-BLOCK-END`;

const RUNAWAY = `// EVOLVE-BLOCK-START
export function priority(item: number, bins: number[]): number[] {
  while (bins.length > 0) {}
  return bins.map((bin) => -(bin - item));
}
// EVOLVE-BLOCK-END`;

/** Hands out the given EVOLVE blocks in order, in place of a real mutator. */
function scripted(blocks: string[]): Mutator {
  let next = 0;
  return {
    name: "scripted",
    async mutate({ parent }) {
      const block = blocks[next++];
      if (block === undefined) return { ok: false, reason: "no-change", message: "script done" };
      return { ok: true, code: parent.code.replace(BLOCK, block), operator: "scripted" };
    },
  };
}

/** The bin-packing example with its `limits` section replaced. */
function binPacking(limits: string): string {
  const copy = copyExample("bin-packing");
  cleanups.push(copy.remove);
  const charter = path.join(copy.dir, "steward.yaml");
  const text = fs.readFileSync(charter, "utf8").replace(/\nlimits:\n( {2}.*\n?)*/, "\n");
  fs.writeFileSync(charter, `${text.trimEnd()}\nlimits:\n${limits}`);
  return copy.dir;
}

describe("a driver call in search mode", () => {
  it("gets call_timeout_ms, not what is left of the evaluation", async () => {
    // The example's limits before auto: the runaway used to hold its worker for 120 s.
    const dir = binPacking("  call_timeout_ms: 2000\n  eval_timeout_ms: 120000\n");
    const problem = loadProblem(dir);
    const code = problem.seedCode.replace(BLOCK, RUNAWAY);
    const outcome = await evaluateProgram(problem, { code, mode: "search" });
    expect(outcome.outcome).toBe("timeout");
    expect(outcome.error?.message).toBe("sandbox ended: driver pack ran past 2000 ms");
    expect(outcome.timeLimitMs).toBe(120_000);
  }, 600_000);
});

describe("eval_timeout_ms: auto in a bin-packing run", () => {
  it("cuts a runaway at the derived limit and lets a slow honest candidate finish", async () => {
    // A call limit that does not interfere: only the evaluation's limit can cut.
    const dir = binPacking(
      "  call_timeout_ms: 60000\n  eval_timeout_ms: auto\n  eval_timeout_auto:\n    floor_ms: 5000\n    factor: 4\n    max_ms: 120000\n",
    );
    const problem = loadProblem(dir);
    expect(problem.charter.autoEvalTimeout).toEqual({ floorMs: 5000, factor: 4, maxMs: 120_000 });
    await evolve(problem, {
      workers: 1,
      seed: 1,
      budget: { maxEvals: 3 },
      mutators: [scripted([SLOW, RUNAWAY])],
    });

    const store = openProblemStore(dir);
    cleanups.push(() => store.close());
    const run = store.runs.latest();
    const [seed, slow, runaway] = store.runs.candidates(run?.id ?? -1);
    expect([seed?.mutator, slow?.mutator, runaway?.mutator]).toEqual([
      "seed",
      "scripted",
      "scripted",
    ]);
    const [seedEval] = store.listEvaluations(seed?.programId ?? -1);
    const [slowEval] = store.listEvaluations(slow?.programId ?? -1);
    const [runawayEval] = store.listEvaluations(runaway?.programId ?? -1);
    expect(seedEval?.outcome).toBe("ok");

    // The limit the run derived from the seed (the champion), as the run recorded it.
    const expected = Math.min(120_000, Math.max(5000, Math.ceil(4 * (seedEval?.durationMs ?? 0))));
    expect(runawayEval?.outcome).toBe("timeout");
    expect(runawayEval?.error?.message).toBe(`the evaluation ran past ${expected} ms`);
    expect(runawayEval?.error?.message).not.toContain("120000");

    // Honest work several times the seed's is within the limit.
    expect(slowEval?.outcome, slowEval?.error?.message).toBe("ok");
    expect(slowEval?.metrics).toEqual(seedEval?.metrics);
  }, 600_000);
});
