/**
 * `steward run --target X` reports the evaluations and run time it took to
 * reach X, and `steward status --target X` the same evaluation count from the
 * store. One worker and a fixed seed make the run deterministic, so a second
 * run with a target taken from the first must reach it at the same evaluation.
 */
import { afterEach, describe, expect, it } from "vitest";
import { firstReaching } from "../../src/engine/target.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { copyExample, steward } from "../helpers/run-cli.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function example() {
  const copy = copyExample("symbolic-regression");
  cleanups.push(copy.remove);
  return copy.dir;
}

function storedCandidates(dir: string) {
  const store = openProblemStore(dir);
  try {
    const run = store.runs.latest();
    if (!run) throw new Error("no run");
    return store.runs.candidates(run.id);
  } finally {
    store.close();
  }
}

const jsonLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("steward run --target", () => {
  it("reports the evaluation and time at which the target was reached", () => {
    const first = example();
    const run = steward("run", first, "--workers", "1", "--max-evals", "30", "--seed", "7");
    expect(run.status, run.stderr).toBe(0);
    const charter = loadProblem(first).charter;
    const candidates = storedCandidates(first);
    // A target some mutation reached after the seed: the best at the last improvement.
    const objectives = candidates
      .filter((c) => c.fitness !== null)
      .map((c) => -(c.fitness as number));
    const best = Math.min(...objectives);
    const reachedFirst = firstReaching(candidates, charter, best);
    expect(reachedFirst).not.toBeNull();
    expect(reachedFirst?.evaluations).toBeGreaterThan(1);

    const second = example();
    const targeted = steward(
      "run",
      second,
      "--workers",
      "1",
      "--seed",
      "7",
      "--max-evals",
      "30",
      "--target",
      String(best),
      "--json",
    );
    expect(targeted.status, targeted.stderr).toBe(0);
    const lines = jsonLines(targeted.stdout);
    const stopped = lines.find((line) => line.type === "stopped");
    expect(stopped?.reason).toBe("target");
    const report = lines.at(-1) as {
      type: string;
      target: number;
      reached: { evaluations: number; elapsedMs: number; programId: number } | null;
    };
    expect(report.type).toBe("target");
    expect(report.target).toBe(best);
    expect(report.reached?.evaluations).toBe(reachedFirst?.evaluations);
    expect(report.reached?.elapsedMs).toBeGreaterThan(0);

    const status = steward("status", second, "--json", "--target", String(best));
    expect(status.status, status.stderr).toBe(0);
    const runs = (JSON.parse(status.stdout) as { runs: { targets: unknown[] }[] }).runs;
    expect(runs[0]?.targets).toEqual([
      {
        target: best,
        reached: expect.objectContaining({ evaluations: reachedFirst?.evaluations }),
      },
    ]);

    const plain = steward("status", second, "--target", String(best), "--target=-1");
    expect(plain.stdout).toContain(
      `target ${best}: reached at evaluation ${reachedFirst?.evaluations}`,
    );
    expect(plain.stdout).toMatch(/target -1: not reached in \d+ evaluations/);
  }, 600_000);

  it("says when the target was not reached, and refuses a target that is not a number", () => {
    const dir = example();
    const run = steward("run", dir, "--workers", "1", "--max-evals", "3", "--target=-1");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/steward: target -1 not reached in 3 evaluations/);
    const bad = steward("status", dir, "--target", "abc");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--target must be a number \(got "abc"\)/);
  }, 600_000);
});
