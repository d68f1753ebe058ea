/**
 * The library API as a user of the package calls it: `evolve` with a mutator
 * of one's own (examples/custom-mutator), its typed events and `stop()`, and
 * `evaluate`. Real sandboxes and a real store, in a copy of the example.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nudgeMutator } from "../../examples/custom-mutator/nudge-mutator.ts";
import { savedRefusalsOf } from "../../src/engine/refusal-tally.ts";
import {
  type EvolveEvent,
  evaluate,
  evolve,
  type Mutator,
  openProblemStore,
  type Store,
} from "../../src/index.ts";
import { exampleCopies } from "../helpers/example-copies.ts";
import { stewardDone } from "../helpers/run-cli.ts";
import { latestRunState, waitUntil } from "../helpers/wait.ts";

const savedRefusals = (dir: string) => savedRefusalsOf(latestRunState(dir));

const example = exampleCopies("custom-mutator");

/** The seed f(x) = x against 3x + 2 on the example's 21 points: mean of (2x + 2)^2. */
const SEED_MSE = (() => {
  const xs = Array.from({ length: 21 }, (_, i) => -5 + i / 2);
  return xs.reduce((sum, x) => sum + (2 * x + 2) ** 2, 0) / xs.length;
})();

describe("evolve() with a custom mutator", () => {
  it("runs it, tells each step as a typed event, and improves on the seed", async () => {
    const dir = example();
    const run = evolve(dir, {
      mutators: [nudgeMutator()],
      budget: { maxEvals: 24 },
      workers: 2,
      seed: 3,
    });
    const all: EvolveEvent[] = [];
    const bests: number[] = [];
    run.on("*", (event) => all.push(event));
    run.on("best", (event) => bests.push(event.objective));
    const summary = await run.done;

    expect(summary.reason).toBe("max-evals");
    expect(all[0]?.type).toBe("started");
    expect(all.at(-1)?.type).toBe("stopped");
    const stored = all.filter((e) => e.type === "candidate");
    const evaluated = all.filter((e) => e.type === "evaluated");
    expect(evaluated).toHaveLength(24);
    // Every evaluation was of a stored candidate: the seed, then the nudge mutator's.
    expect(stored).toHaveLength(24);
    expect(stored[0]).toMatchObject({ mutator: "seed", parentId: null });
    expect(stored.slice(1).every((e) => e.mutator === "nudge" && e.operator === "nudge")).toBe(
      true,
    );
    // The seed is scored exactly; the new bests after it improve on it.
    const seed = evaluated.find((e) => e.programId === stored[0]?.programId);
    expect(seed?.objective).toBeCloseTo(SEED_MSE, 9);
    expect(bests.length).toBeGreaterThan(0);
    // With 2 in flight the order of results, hence the search, depends on timing:
    // only that it improved is certain, not by how much.
    expect(bests.every((b) => b < SEED_MSE)).toBe(true);
    expect(summary.stats.bestObjective).toBe(Math.min(...bests));

    // The package's Store reads back what the run stored.
    const store: Store = openProblemStore(dir);
    try {
      const record = store.runs.get(summary.runId);
      expect(record?.status).toBe("finished");
      const candidates = store.runs.candidates(summary.runId);
      expect(candidates.filter((c) => c.outcome === "ok")).toHaveLength(24);
      expect(store.getProgram(stored[1]?.programId ?? -1)?.origin).toBe("nudge");
    } finally {
      store.close();
    }
  });

  it("stops when asked, after the evaluations in flight, and can be resumed", async () => {
    const dir = example();
    const run = evolve(dir, { mutators: [nudgeMutator()], workers: 2, seed: 4 });
    let evaluated = 0;
    const enough = new Promise<void>((resolve) =>
      run.on("evaluated", () => {
        if (++evaluated === 3) resolve();
      }),
    );
    await enough;
    const summary = await run.stop();
    expect(summary.reason).toBe("stop");
    expect(summary.stats.inFlight).toBe(0);

    const again = evolve(dir, { mutators: [nudgeMutator()], budget: { maxEvals: evaluated + 2 } });
    let resumed: boolean | undefined;
    again.on("started", (event) => {
      resumed = event.resumed;
    });
    expect((await again.done).reason).toBe("max-evals");
    expect(resumed).toBe(true);
  });
});

describe("evolve() when the mutators produce nothing new", () => {
  it("stops with no-new-program and says the most common refusal reasons with counts", async () => {
    let calls = 0;
    const stuck: Mutator = {
      name: "stuck",
      async mutate() {
        calls++;
        // Two reasons, one three times as common: numbers in a message do not split a reason.
        return calls % 4 === 0
          ? { ok: false, reason: "no-change", message: "nothing to nudge" }
          : { ok: false, reason: "refused", message: `SEARCH matched nothing at line ${calls}` };
      },
    };
    const run = evolve(example(), { mutators: [stuck], budget: { maxEvals: 5 } });
    const summary = await run.done;
    expect(summary.reason).toBe("error");
    expect(summary.message).toContain("no new program");
    const counts = summary.message.match(
      /stuck: SEARCH matched nothing at line N ×(\d+); stuck: nothing to nudge ×(\d+)/,
    );
    expect(counts, summary.message).not.toBeNull();
    expect(Number(counts?.[1])).toBe(3 * Number(counts?.[2]));
    expect(Number(counts?.[1]) + Number(counts?.[2])).toBe(calls);
  });

  it("steward status gives the most common refusal reasons while the run is still going", async () => {
    const dir = example();
    let calls = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stuck: Mutator = {
      name: "stuck",
      async mutate() {
        calls++;
        // After 12 refusals the mutator waits, so the run is going when status looks.
        if (calls === 13) await held;
        return { ok: false, reason: "refused", message: `SEARCH matched nothing at line ${calls}` };
      },
    };
    const run = evolve(dir, { mutators: [stuck], budget: { maxEvals: 5 } });
    try {
      // The run saves its state every few seconds: wait for the saved refusals.
      await waitUntil(() => savedRefusals(dir)?.total === 12, "12 refusals saved with the run");
      const status = await stewardDone(["status", dir]);
      expect(status.stdout).toMatch(/running now/);
      expect(status.stdout).toContain(
        "refused mutations: 12 (most common: stuck: SEARCH matched nothing at line N ×12)",
      );
      const json = JSON.parse((await stewardDone(["status", dir, "--json"])).stdout) as {
        runs: Array<{ refusals: unknown }>;
      };
      expect(json.runs[0]?.refusals).toEqual({
        total: 12,
        reasons: [{ reason: "stuck: SEARCH matched nothing at line N", count: 12 }],
      });
    } finally {
      release();
    }
    expect((await run.done).reason).toBe("error");
    expect(savedRefusals(dir)?.total).toBe(calls);
  });
});

describe("evaluate()", () => {
  it("scores a program in the sandbox and returns the typed outcome", async () => {
    const dir = example();
    const source = fs.readFileSync(path.join(dir, "program.ts"), "utf8");
    const line = (body: string) => source.replace("1.0 * x + 0.0", body);
    const seed = await evaluate(dir, source);
    expect(seed).toMatchObject({ outcome: "ok", mode: "search", split: "train" });
    expect(seed.metrics?.mse).toBeCloseTo(SEED_MSE, 9);
    expect((await evaluate(dir, line("3 * x + 2"))).metrics?.mse).toBe(0);
    expect((await evaluate(dir, line("(() => { throw new Error('no'); })()"))).outcome).toBe(
      "crashed",
    );
    // Outside the EVOLVE-BLOCKs the seed's text is the law, as in a run.
    expect((await evaluate(dir, `${source}\nexport const extra = 1;\n`)).outcome).toBe("policy");
  });
});

describe("the charter's needs", () => {
  it("evolve() and evaluate() refuse, as the CLI does, naming what is missing and its install command", async () => {
    const dir = example();
    fs.appendFileSync(
      path.join(dir, "steward.yaml"),
      "needs:\n  - command: steward-absent-tool\n    install: apt-get install -y steward-absent-tool\n",
    );
    const missing =
      /needs the command steward-absent-tool \(install: apt-get install -y steward-absent-tool\)/;
    const source = fs.readFileSync(path.join(dir, "program.ts"), "utf8");
    await expect(evaluate(dir, source)).rejects.toMatchObject({
      code: "needs-missing",
      message: expect.stringMatching(missing),
    });
    const run = evolve(dir, { budget: { maxEvals: 3 }, workers: 1 });
    await expect(run.done).rejects.toMatchObject({
      code: "needs-missing",
      message: expect.stringMatching(missing),
    });
    expect(fs.existsSync(path.join(dir, ".steward"))).toBe(false);
  });
});
