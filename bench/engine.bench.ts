/**
 * `npm run bench:engine`: the engine's own cost. Prints
 * - engine CPU time per candidate with a trivial evaluator (mutation, store,
 *   population; the evaluation itself runs in other processes);
 * - evaluations per second on bin packing with 1 and 2 workers;
 * - the engine's memory and rebuild time with 100,000 stored programs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evolve } from "../src/engine/evolve.ts";
import { RunState } from "../src/engine/run-state.ts";
import { populationConfig } from "../src/population/config.ts";
import { loadProblem } from "../src/problem/load-problem.ts";
import { openProblemStore } from "../src/store/problem-store.ts";
import { programHash } from "../src/util/hash.ts";
import { table } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-bench-engine-"));

function copy(name: string, from = path.join(root, "examples", name)): string {
  const dir = path.join(work, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  fs.cpSync(from, dir, { recursive: true, filter: (s) => !s.includes(".steward") });
  return dir;
}

async function overhead(): Promise<string[][]> {
  const dir = copy("symbolic-regression");
  fs.writeFileSync(
    path.join(dir, "evaluate.ts"),
    'import { defineEvaluator } from "steward";\nexport default defineEvaluator({ evaluate: () => ({ metrics: { rmse: 1 } }) });\n',
  );
  // Steady state: CPU between the 50th and the last evaluation, so that loading
  // TypeScript and compiling Steward's own modules once is not counted.
  let mark: { cpu: NodeJS.CpuUsage; at: number; n: number } | null = null;
  const summary = await evolve(loadProblem(dir), {
    budget: { maxEvals: 400 },
    workers: 2,
    seed: 1,
    onEvent: (event) => {
      if (event.type === "evaluated" && event.stats.evaluated === 50) {
        mark = { cpu: process.cpuUsage(), at: performance.now(), n: 50 };
      }
    },
  });
  const start = mark as { cpu: NodeJS.CpuUsage; at: number; n: number } | null;
  if (!start) throw new Error("the run ended before 50 evaluations");
  const cpu = process.cpuUsage(start.cpu);
  const n = summary.stats.evaluated - start.n;
  const seconds = (performance.now() - start.at) / 1000;
  return [
    [
      "engine overhead (trivial evaluator)",
      `${n} evaluations (steady state)`,
      `${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms engine CPU per candidate`,
      `${(n / seconds).toFixed(1)} evals/s`,
    ],
  ];
}

async function binPackingRate(workers: number): Promise<string[]> {
  const dir = copy("bin-packing");
  const t = performance.now();
  const summary = await evolve(loadProblem(dir), { budget: { maxEvals: 40 }, workers, seed: 1 });
  const seconds = (performance.now() - t) / 1000;
  return [
    `bin packing, ${workers} worker(s)`,
    `${summary.stats.evaluated} evaluations`,
    `${seconds.toFixed(1)} s`,
    `${(summary.stats.evaluated / seconds).toFixed(2)} evals/s`,
  ];
}

function memoryAt100k(): string[] {
  const dir = copy("symbolic-regression");
  const problem = loadProblem(dir);
  const store = openProblemStore(dir);
  const run = store.runs.create(1, {});
  const t = performance.now();
  let parent: number | null = null;
  for (let i = 0; i < 100_000; i++) {
    const code = problem.seedCode.replace("return x;", `return x * ${i} + ${Math.sin(i)};`);
    const { program } = store.addProgram({
      hash: programHash(code),
      code,
      origin: "bench",
      ...(parent ? { parentIds: [parent] } : {}),
    });
    const c = store.runs.addCandidate({
      runId: run.id,
      programId: program.id,
      island: i % 4,
      parentId: parent,
      mutator: "gp",
      operator: "constant",
      generation: i,
    });
    store.runs.recordEvaluation(
      c.id,
      {
        outcome: "ok",
        metrics: { rmse: 1 / (i + 1) },
        error: null,
        mode: "search",
        split: "train",
        durationMs: 1,
        peakMemoryBytes: 1,
        sandbox: "bubblewrap",
        stdout: "",
        stderr: "",
        artifacts: {},
        log: [],
        warnings: [],
      },
      {
        fitness: -1 / (i + 1),
        features: { code_length: 100 + (i % 50), complexity: 10 + (i % 30) },
      },
    );
    parent = i % 10 === 0 ? program.id : (parent ?? program.id);
  }
  const filled = (performance.now() - t) / 1000;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t2 = performance.now();
  const state = RunState.rebuild(
    problem.charter,
    populationConfig(),
    store.runs.candidates(run.id),
  );
  const rebuild = (performance.now() - t2) / 1000;
  const rss = process.memoryUsage().rss;
  store.close();
  return [
    "100,000 stored programs",
    `filled in ${filled.toFixed(0)} s`,
    `rebuild ${rebuild.toFixed(2)} s, population ${state.population.size}`,
    `engine RSS ${Math.round(rss / 2 ** 20)} MB (was ${Math.round(rssBefore / 2 ** 20)} MB before rebuild)`,
  ];
}

console.log(
  `Steward engine benchmark: node ${process.version}, ${os.availableParallelism()} cores\n`,
);
const rows = [["measure", "work", "result", "rate / memory"]];
rows.push(...(await overhead()));
rows.push(await binPackingRate(1));
rows.push(await binPackingRate(2));
rows.push(memoryAt100k());
console.log(table(rows));
fs.rmSync(work, { recursive: true, force: true });
