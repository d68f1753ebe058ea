/**
 * `npm run bench:resources`: how steady the resources gate is on a quiet and a
 * busy machine. The resources-demo fixture's candidate does 1.3 x the seed's
 * work; the gate runs ROUNDS times under each load: idle, CPU hogs (two per
 * core) for the whole gate, and hogs only while the candidate is evaluated.
 * Printed per load: the gate's CPU-time slowdown (median of 3 runs each) as
 * min/median/max over the rounds, its verdicts, and for comparison the ratio
 * the old gate used (wall time of one run each). Nothing is asserted.
 */
import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateProgram } from "../src/evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../src/evaluation/outcome.ts";
import type { GateContext } from "../src/oversight/gates/gate.ts";
import { resourcesGate, spreadOf } from "../src/oversight/gates/resources.ts";
import { runGate } from "../src/oversight/gates/run-gates.ts";
import { SharedEvaluations } from "../src/oversight/gates/shared-evaluations.ts";
import { loadProblem } from "../src/problem/load-problem.ts";
import { table } from "./stats.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const loadBefore = os.loadavg()[0] ?? 0;
const fixture = fileURLToPath(new URL("../test/fixtures/problems/resources-demo", import.meta.url));
const problem = loadProblem(path.resolve(fixture));
const champion = problem.seedCode;
const candidate = champion.replace("UNITS = 40;", "UNITS = 52;");

let hogs: ChildProcess[] = [];
const startHogs = async () => {
  if (hogs.length > 0) return;
  const spin = "const end = Date.now() + 600000; while (Date.now() < end) {}";
  hogs = Array.from({ length: 2 * os.availableParallelism() }, () =>
    spawn(process.execPath, ["-e", spin], { stdio: "ignore" }),
  );
  await Promise.all(hogs.map((h) => new Promise((resolve) => h.once("spawn", resolve))));
};
const stopHogs = () => {
  for (const hog of hogs) hog.kill("SIGKILL");
  hogs = [];
};
process.on("exit", stopHogs);

type Load = "idle" | "hogs throughout" | "hogs during candidate";

async function round(load: Load, search: EvaluationOutcome) {
  const first: Record<string, number> = {};
  const ctx: GateContext = {
    charter: problem.charter,
    candidate: { code: candidate, search },
    champion: { code: champion, search: null },
    largestImprovementSoFar: null,
    seed: 0,
    async evaluate(code, options) {
      const who = code === candidate ? "candidate" : "champion";
      if (load === "hogs during candidate" && who === "candidate") await startHogs();
      try {
        const outcome = await evaluateProgram(problem, { code, ...options });
        first[who] ??= outcome.durationMs;
        return outcome;
      } finally {
        if (load === "hogs during candidate") stopHogs();
      }
    },
  };
  if (load === "hogs throughout") await startHogs();
  try {
    const result = await runGate(resourcesGate, ctx, new SharedEvaluations(ctx));
    const oldRatio = Math.max(first.candidate ?? 0, 200) / Math.max(first.champion ?? 0, 200);
    return { result, oldRatio };
  } finally {
    stopHogs();
  }
}

const search = await evaluateProgram(problem, {
  code: candidate,
  mode: "search",
  split: "train",
  seed: 0,
});
const rows = [["load", "verdicts", "cpu slowdown min/med/max", "old wall ratio min/med/max"]];
const f = (s: { min: number; median: number; max: number }) =>
  `${s.min.toFixed(2)} / ${s.median.toFixed(2)} / ${s.max.toFixed(2)}`;
for (const load of ["idle", "hogs throughout", "hogs during candidate"] as const) {
  const results = [];
  for (let i = 0; i < ROUNDS; i++) results.push(await round(load, search));
  rows.push([
    load,
    results.map((r) => r.result.status).join(" "),
    f(spreadOf(results.map((r) => Number(r.result.evidence.slowdown)))),
    f(spreadOf(results.map((r) => r.oldRatio))),
  ]);
}
console.log(
  `resources gate, ${ROUNDS} rounds per load, candidate 1.3 x the work, max_slowdown 2 (load average before: ${loadBefore.toFixed(1)})`,
);
console.log(table(rows));
