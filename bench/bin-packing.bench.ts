/**
 * `npm run bench:bin-packing`: a fixed-budget evolution of the bin-packing seed
 * (Best Fit) with a fixed seed and the offline gp mutator, then the evolved
 * program scored on the paper's held-out test sets, which the search never saw.
 *
 *   npm run bench:bin-packing -- [--max-time 25m] [--max-evals N] [--workers N] [--seed N]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { evolve } from "../src/engine/evolve.ts";
import { DEFAULT_WORKERS } from "../src/engine/run-options.ts";
import { evaluateProgram } from "../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../src/problem/load-problem.ts";
import { openProblemStore } from "../src/store/problem-store.ts";
import { parseDuration } from "../src/util/duration.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    "max-time": { type: "string", default: "25m" },
    "max-evals": { type: "string" },
    workers: { type: "string", default: String(DEFAULT_WORKERS) },
    seed: { type: "string", default: "1" },
  },
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-bench-bp-"));
const dir = path.join(work, "bin-packing");
fs.cpSync(path.join(root, "examples", "bin-packing"), dir, {
  recursive: true,
  filter: (s) => !s.includes(".steward"),
});
const problem = loadProblem(dir);
const workers = Number(values.workers);
const started = performance.now();
let lastPrint = 0;
console.log(
  `bin-packing bench: gp mutator, seed ${values.seed}, ${workers} workers, budget ${values["max-time"]}${values["max-evals"] ? ` / ${values["max-evals"]} evals` : ""}`,
);
const summary = await evolve(problem, {
  budget: {
    maxTimeMs: parseDuration(values["max-time"] ?? "25m"),
    maxEvals: values["max-evals"] ? Number(values["max-evals"]) : null,
  },
  workers,
  seed: Number(values.seed),
  onEvent: (event) => {
    if (event.type !== "evaluated") return;
    if (event.isNewBest || performance.now() - lastPrint > 30_000) {
      lastPrint = performance.now();
      const s = event.stats;
      console.log(
        `  ${Math.round(s.elapsedMs / 1000)} s: ${s.evaluated} evals, best train excess ${((s.bestObjective ?? 0) * 100).toFixed(3)}%`,
      );
    }
  },
});
const wall = (performance.now() - started) / 1000;

const store = openProblemStore(dir);
const bestId = summary.stats.bestProgramId;
const bestCode =
  bestId === null ? problem.seedCode : (store.getProgram(bestId)?.code ?? problem.seedCode);
store.close();
const bestFile = path.join(work, "evolved.ts");
fs.writeFileSync(bestFile, bestCode);
const holdout = await evaluateProgram(problem, { code: bestCode, split: "holdout" });

console.log(`\nstopped: ${summary.message}`);
console.log(
  `evaluations: ${summary.stats.evaluated}, wall time ${wall.toFixed(0)} s, ${(summary.stats.evaluated / wall).toFixed(2)} evaluations/s`,
);
console.log(
  `evolved program ${bestId}: train excess ${((summary.stats.bestObjective ?? 0) * 100).toFixed(3)}%, holdout excess ${((holdout.metrics?.excess ?? Number.NaN) * 100).toFixed(3)}%\n`,
);
const table = spawnSync(
  process.execPath,
  [
    "--import",
    path.join(root, "src/evaluation/host/loader/register.mjs"),
    path.join(root, "examples/bin-packing/score-test-sets.ts"),
    bestFile,
  ],
  { encoding: "utf8" },
);
const label = path.relative(process.cwd(), bestFile);
process.stdout.write(table.stdout.replace(label, "evolved (this run)".padEnd(label.length)));
process.stderr.write(table.stderr);
console.log(`\nThe evolved program: ${bestFile}\n`);
console.log(bestCode);
