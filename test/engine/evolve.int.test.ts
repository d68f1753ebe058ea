/**
 * The evolution loop as users drive it: determinism with one worker, resume
 * after kill -9 (several times in one test) with consistent counts, and stop
 * from another process. Every wait is on something observable (a stored
 * evaluation, a printed line, an exit), so a busy machine only makes these
 * tests slower; how fast a stop takes effect is measured by `bench/stop.bench.ts`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { leftoverSandboxProcesses } from "../helpers/probe.ts";
import { copyExample, exited, steward, stewardAsync } from "../helpers/run-cli.ts";
import { storedRows, waitUntil } from "../helpers/wait.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function example() {
  const copy = copyExample("symbolic-regression");
  cleanups.push(copy.remove);
  return copy.dir;
}

function runRows(dir: string) {
  const store = openSqliteStore(problemStorePath(dir));
  try {
    const run = store.runs.latest();
    if (!run) throw new Error("no run");
    const candidates = store.runs.candidates(run.id);
    return {
      run,
      candidates,
      programs: candidates.map((c) => store.getProgram(c.programId)?.hash),
      evaluationsPerProgram: candidates.map((c) => store.listEvaluations(c.programId).length),
      totalEvaluations: store.countEvaluations(),
    };
  } finally {
    store.close();
  }
}

describe("steward run", () => {
  it("with one worker, the same seed gives the same run", () => {
    const a = example();
    const b = example();
    for (const dir of [a, b]) {
      const run = steward("run", dir, "--workers", "1", "--max-evals", "25", "--seed", "7");
      expect(run.status, run.stderr).toBe(0);
    }
    const ra = runRows(a);
    const rb = runRows(b);
    expect(ra.candidates.length).toBe(25);
    expect(ra.programs).toEqual(rb.programs);
    expect(ra.candidates.map((c) => [c.operator, c.island, c.outcome, c.fitness])).toEqual(
      rb.candidates.map((c) => [c.operator, c.island, c.outcome, c.fitness]),
    );
  });

  it("improves on the seed and reports it", () => {
    const dir = example();
    const run = steward("run", dir, "--max-evals", "60", "--seed", "3");
    expect(run.status, run.stderr).toBe(0);
    const status = JSON.parse(steward("status", dir, "--json").stdout);
    const [report] = status.runs;
    expect(report.evaluated).toBe(60);
    expect(report.best.objective).toBeLessThan(report.seedObjective);
    const best = steward("best", dir);
    expect(best.status).toBe(0);
    expect(best.stdout).toContain("EVOLVE-BLOCK-START");
  });

  it("resumes after kill -9, again and again, losing nothing acknowledged", async () => {
    const dir = example();
    const target = 40;
    for (let i = 0; i < 4; i++) {
      // Kill at a different point of each session: after 1, 2, 3, 4 more acknowledged evaluations.
      const before = storedRows(dir, "evaluations");
      const child = stewardAsync("run", dir, "--max-evals", String(target), "--workers", "2");
      await waitUntil(
        () => storedRows(dir, "evaluations") >= before + 1 + i || child.exitCode !== null,
        `session ${i + 1} to acknowledge ${1 + i} more evaluation(s)`,
      );
      expect(child.exitCode, "the run ended before it could be killed").toBeNull();
      child.kill("SIGKILL");
      await exited(child);
      const rows = runRows(dir);
      // Every acknowledged evaluation is stored exactly once, and linked to its candidate.
      expect(Math.max(0, ...rows.evaluationsPerProgram)).toBeLessThanOrEqual(1);
      expect(rows.candidates.filter((c) => c.evaluationId !== null).length).toBe(
        rows.totalEvaluations,
      );
      expect(new Set(rows.programs).size).toBe(rows.programs.length);
    }
    // Sandboxes die with their parent; the kernel may take a moment to reap them.
    await waitUntil(() => leftoverSandboxProcesses().length === 0, "no sandbox process left");
    const final = steward("run", dir, "--max-evals", String(target), "--workers", "2");
    expect(final.status, final.stderr).toBe(0);
    expect(final.stdout).toMatch(/resuming run 1/);
    const rows = runRows(dir);
    expect(rows.totalEvaluations).toBe(target);
    expect(rows.candidates.filter((c) => c.evaluationId !== null).length).toBe(target);
    expect(rows.run.status).toBe("finished");
  });

  it("stops when asked from another process, and resumes after", async () => {
    const dir = example();
    const child = stewardAsync("run", dir, "--max-time", "5m");
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    await waitUntil(() => /evals [1-9]/.test(output), "the first progress line");
    const stop = steward("stop", dir);
    expect(stop.status).toBe(0);
    expect(await exited(child)).toBe(0);
    expect(output).toMatch(/stopped on request/);
    expect(runRows(dir).run.status).toBe("stopped");
    expect(steward("stop", dir).status).toBe(1);
  });

  it("stop --now kills the evaluations in flight at once and leaves no sandbox behind", async () => {
    const copy = copyExample("bin-packing");
    cleanups.push(copy.remove);
    const child = stewardAsync("run", copy.dir, "--max-time", "5m", "--workers", "2");
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    await waitUntil(() => /evals [1-9]/.test(output), "the first progress line");
    expect(steward("stop", copy.dir, "--now").status).toBe(0);
    expect(await exited(child)).toBe(0);
    expect(output).toMatch(/stopped at once/);
    // Checked right at the engine's exit: it waits for its killed sandboxes before exiting.
    expect(leftoverSandboxProcesses()).toEqual([]);
    const rows = runRows(copy.dir);
    expect(rows.run.stopReason).toBe("stop-now");
    // Killed evaluations were not acknowledged: their candidates wait for the resume.
    expect(rows.candidates.filter((c) => c.evaluationId !== null).length).toBe(
      rows.totalEvaluations,
    );
  });
});
