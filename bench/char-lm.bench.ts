/**
 * `npm run bench:char-lm`: what examples/char-lm costs. Prints, for RUNS
 * (default 2) evaluations of the seed with the example's own settings (a 60 s
 * training budget): wall time per evaluation, its training and scoring parts,
 * peak memory, training steps, val_bpc; the cost of a candidate that fails
 * at once; evaluations per hour that follow; and how fast gp proposes Python
 * candidates for train.py (tree-sitter alone, and with Python's ast.parse).
 * BUDGET=SECONDS runs a copy with another training budget. The training
 * budget is wall-clock time, so a loaded machine trains fewer steps and
 * scores worse: the load average is printed beside the numbers. Nothing is
 * asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { evaluateProgram } from "../src/evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../src/evaluation/outcome.ts";
import { createPythonGpMutator } from "../src/mutate/gp/python/gp-mutator.ts";
import { request } from "../src/mutate/gp/typescript/gp.test-kit.ts";
import { loadProblem, type Problem } from "../src/problem/load-problem.ts";
import { createRng } from "../src/util/rng.ts";
import { CHAR_LM, copyCharLm } from "../test/char-lm/copy-example.ts";
import { ms, table } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 2);

function problemWithBudget(): { problem: Problem; cleanup: () => void } {
  const budget = process.env.BUDGET;
  if (!budget) return { problem: loadProblem(CHAR_LM), cleanup: () => {} };
  const dir = copyCharLm(fs.mkdtempSync(path.join(os.tmpdir(), "char-lm-bench-")), {
    budget_seconds: Number(budget),
  });
  return { problem: loadProblem(dir), cleanup: () => fs.rmSync(dir, { recursive: true }) };
}

async function gpSpeed(seed: string, withAst: boolean): Promise<number> {
  const gp = createPythonGpMutator(withAst ? {} : { syntaxCheck: false });
  const rng = createRng(7);
  const count = 200;
  const started = performance.now();
  for (let i = 0; i < count; i++) await gp.mutate(request(seed, rng, "python", [seed]));
  return (performance.now() - started) / count;
}

const mb = (bytes: number | null) => (bytes === null ? "-" : `${Math.round(bytes / 2 ** 20)} MB`);
const row = (label: string, o: EvaluationOutcome) => [
  label,
  o.outcome,
  ms(o.durationMs),
  o.metrics?.train_ms === undefined ? "-" : ms(o.metrics.train_ms),
  o.metrics?.score_ms === undefined ? "-" : ms(o.metrics.score_ms),
  mb(o.peakMemoryBytes),
  String(o.metrics?.steps ?? "-"),
  o.metrics?.val_bpc === undefined ? "-" : o.metrics.val_bpc.toFixed(3),
];

const { problem, cleanup } = problemWithBudget();
try {
  const load = () => (os.loadavg()[0] ?? 0).toFixed(1);
  console.log(
    `char-lm bench: ${RUNS} seed evaluation(s), load ${load()} on ${os.availableParallelism()} cores`,
  );
  const rows = [
    ["evaluation", "outcome", "wall", "train", "score", "peak mem", "steps", "val_bpc"],
  ];
  const seeds: EvaluationOutcome[] = [];
  for (let i = 0; i < RUNS; i++) {
    const outcome = await evaluateProgram(problem, { code: problem.seedCode, seed: i + 1 });
    seeds.push(outcome);
    rows.push(row(`seed #${i + 1}`, outcome));
  }
  const broken = problem.seedCode.replace(
    "nn.Linear(HIDDEN, vocab_size)",
    "nn.Linear(HIDDEN + 1, vocab_size)",
  );
  rows.push(row("fails at once", await evaluateProgram(problem, { code: broken })));
  console.log(table(rows));
  const mean = seeds.reduce((s, o) => s + o.durationMs, 0) / Math.max(1, seeds.length);
  console.log(`evaluations per hour on one worker (seed-like): ${(3_600_000 / mean).toFixed(1)}`);
  console.log(`load after: ${load()}`);
  const ts = await gpSpeed(problem.seedCode, false);
  const withAst = await gpSpeed(problem.seedCode, true);
  console.log(
    `gp for Python on train.py: ${ms(ts)} per candidate (tree-sitter), ${ms(withAst)} with ast.parse`,
  );
} finally {
  cleanup();
}
