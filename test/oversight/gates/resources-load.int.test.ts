/**
 * The resources gate against real sandboxed evaluations, on a quiet and on a
 * busy machine (issue 10 item 6). The candidate does 1.3 x the champion's work,
 * under the default bound of 2 x. The gate must give the same verdict idle,
 * with CPU hogs on every core for the whole gate, and with the hogs running
 * only while the candidate is evaluated (the worst case for a wall-clock
 * comparison: load that comes and goes). The hogs are child processes that
 * spin for a bounded time and are killed after each test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../../src/evaluation/evaluate-program.ts";
import type { GateContext, GateResult } from "../../../src/oversight/gates/gate.ts";
import { resourcesGate } from "../../../src/oversight/gates/resources.ts";
import { runGate } from "../../../src/oversight/gates/run-gates.ts";
import { SharedEvaluations } from "../../../src/oversight/gates/shared-evaluations.ts";
import { loadProblem } from "../../../src/problem/load-problem.ts";
import { FIXTURES } from "../../helpers/probe.ts";
import { waitUntil } from "../../helpers/wait.ts";

const problem = loadProblem(path.join(FIXTURES, "problems", "resources-demo"));
const champion = problem.seedCode;
const candidate = champion.replace("UNITS = 40;", "UNITS = 52;");
/** Two spinning processes per core: on a quiet machine an evaluation gets a third of a core. */
const HOGS = 2 * os.availableParallelism();
const HOG_LIFETIME_MS = 300_000;

let hogs: ChildProcess[] = [];

async function startHogs(): Promise<void> {
  if (hogs.length > 0) return;
  const spin = `const end = Date.now() + ${HOG_LIFETIME_MS}; while (Date.now() < end) {}`;
  hogs = Array.from({ length: HOGS }, () =>
    spawn(process.execPath, ["-e", spin], { stdio: "ignore" }),
  );
  // Running, not merely spawned: each has used CPU time.
  await waitUntil(
    () => hogs.every((h) => h.pid !== undefined && userTicks(h.pid) > 0),
    "the CPU hogs to run",
  );
}

/** utime of a process from /proc/<pid>/stat (field 14), 0 when unreadable. */
function userTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[11]) || 0;
  } catch {
    return 0;
  }
}

function stopHogs(): void {
  for (const hog of hogs) hog.kill("SIGKILL");
  hogs = [];
}

afterEach(stopHogs);

type Load = "idle" | "hogs throughout" | "hogs during the candidate's runs";

/** The resources gate's result, and the wall time of each evaluation it made. */
async function resourcesUnder(load: Load): Promise<{ result: GateResult; wallMs: number[] }> {
  const search = await evaluateProgram(problem, {
    code: candidate,
    mode: "search",
    split: "train",
    seed: 0,
  });
  expect(search.outcome, search.error?.message).toBe("ok");
  const wallMs: number[] = [];
  const ctx: GateContext = {
    charter: problem.charter,
    candidate: { code: candidate, search },
    champion: { code: champion, search: null },
    largestImprovementSoFar: null,
    seed: 0,
    async evaluate(code, options) {
      if (load === "hogs during the candidate's runs" && code === candidate) await startHogs();
      try {
        const outcome = await evaluateProgram(problem, { code, ...options });
        wallMs.push(outcome.durationMs);
        return outcome;
      } finally {
        if (load === "hogs during the candidate's runs") stopHogs();
      }
    },
  };
  if (load === "hogs throughout") await startHogs();
  try {
    return { result: await runGate(resourcesGate, ctx, new SharedEvaluations(ctx)), wallMs };
  } finally {
    stopHogs();
  }
}

describe("resources gate under load", () => {
  it("gives the same verdict idle and next to CPU hogs on every core", async () => {
    const runs: Array<[Load, Awaited<ReturnType<typeof resourcesUnder>>]> = [];
    for (const load of ["idle", "hogs throughout", "hogs during the candidate's runs"] as const) {
      runs.push([load, await resourcesUnder(load)]);
    }
    for (const [load, { result, wallMs }] of runs) {
      const e = result.evidence;
      // The numbers the issue asks for: printed, not asserted (they depend on the machine).
      console.log(
        `resources gate, ${load}: ${result.status}; cpu ms candidate ${JSON.stringify(e.candidateMs)} champion ${JSON.stringify(e.championMs)} slowdown ${Number(e.slowdown).toFixed(3)}; wall ms per evaluation ${wallMs.join(" ")}`,
      );
    }
    const statuses = runs.map(([, { result }]) => result.status);
    expect(statuses).toEqual(["pass", "pass", "pass"]);
    for (const [, { result }] of runs) expect(result.evidence.measure).toBe("cpu");
  }, 900_000);
});
