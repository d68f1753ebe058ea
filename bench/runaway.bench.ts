/**
 * `npm run bench:runaway`: what candidates that loop forever cost a run. Two
 * bin-packing runs of the same length with the gp mutator and the example's
 * charter (`eval_timeout_ms: auto`): one as is, one where every 10th candidate
 * loops forever in `priority`. Goal: evaluations per second with runaways
 * within 25% of the rate without (a ratio of at least 0.75).
 *
 *   npm run bench:runaway -- [--seconds 75] [--workers N] [--every 10] [--seed N]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { evolve } from "../src/engine/evolve.ts";
import { DEFAULT_WORKERS } from "../src/engine/run-options.ts";
import { createGpMutator } from "../src/mutate/gp/gp-mutator.ts";
import type { Mutator } from "../src/mutate/mutator.ts";
import { loadProblem } from "../src/problem/load-problem.ts";
import { openProblemStore } from "../src/store/problem-store.ts";

const GOAL_RATIO = 0.75;
const SPIN = "while (bins.length > 0) {}";
const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "75" },
    workers: { type: "string", default: String(DEFAULT_WORKERS) },
    every: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
  },
});
const seconds = Number(values.seconds);
const workers = Number(values.workers);
const every = Number(values.every);

/** The gp mutator, with every `every`-th candidate made to spin forever at its first call. */
function withRunaways(inner: Mutator, every: number): Mutator {
  let made = 0;
  return {
    ...inner,
    name: inner.name,
    async mutate(request) {
      const result = await inner.mutate(request);
      if (!result.ok || ++made % every !== 0) return result;
      const code = result.code.replace(
        /(export function priority\([^)]*\)[^{]*\{)/,
        `$1\n  ${SPIN}`,
      );
      return { ...result, code };
    },
  };
}

interface Measured {
  evaluated: number;
  seconds: number;
  rate: number;
  /** Runaways cut, and honest candidates cut (a limit too tight for a busy machine). */
  runawaysCut: number;
  honestCut: number;
  /** The limits the run's timeouts name, e.g. "ran past 1200 ms". */
  limits: string[];
}

/** Timeouts of the run's candidates, told apart by the spin the bench put in. */
function timeoutsOf(dir: string): Pick<Measured, "runawaysCut" | "honestCut" | "limits"> {
  const store = openProblemStore(dir);
  try {
    const run = store.runs.latest();
    let runawaysCut = 0;
    let honestCut = 0;
    const limits = new Set<string>();
    for (const candidate of store.runs.candidates(run?.id ?? -1)) {
      if (candidate.outcome !== "timeout") continue;
      const code = store.getProgram(candidate.programId)?.code ?? "";
      if (code.includes(SPIN)) runawaysCut++;
      else honestCut++;
      const [evaluation] = store.listEvaluations(candidate.programId);
      const past = /ran past \d+ ms/.exec(evaluation?.error?.message ?? "");
      if (past) limits.add(past[0]);
    }
    return { runawaysCut, honestCut, limits: [...limits] };
  } finally {
    store.close();
  }
}

async function measure(label: string, runaways: boolean): Promise<Measured> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-bench-runaway-"));
  const dir = path.join(work, "bin-packing");
  fs.cpSync(path.join(root, "examples", "bin-packing"), dir, {
    recursive: true,
    filter: (source) => !source.includes(".steward"),
  });
  try {
    const problem = loadProblem(dir);
    const gp = createGpMutator();
    const started = performance.now();
    const summary = await evolve(problem, {
      budget: { maxTimeMs: seconds * 1000 },
      workers,
      seed: Number(values.seed),
      mutators: [runaways ? withRunaways(gp, every) : gp],
    });
    const wall = (performance.now() - started) / 1000;
    const { evaluated } = summary.stats;
    const measured = { evaluated, seconds: wall, rate: evaluated / wall, ...timeoutsOf(dir) };
    console.log(
      `  ${label.padEnd(26)} ${String(evaluated).padStart(5)} evaluations in ${wall.toFixed(1)} s = ${measured.rate.toFixed(2)}/s; cut: ${measured.runawaysCut} runaways, ${measured.honestCut} honest (${measured.limits.slice(0, 4).join(", ") || "no timeouts"})`,
    );
    return measured;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const charter = loadProblem(path.join(root, "examples", "bin-packing")).charter;
const auto = charter.autoEvalTimeout;
console.log(
  `runaway bench: bin packing, gp mutator, ${workers} workers, ${seconds} s per run, 1 in ${every} candidates loops forever`,
);
console.log(
  `  limits: call_timeout_ms ${charter.limits.callTimeoutMs}, eval_timeout_ms ${auto ? `auto (floor ${auto.floorMs} ms, factor ${auto.factor}, max ${auto.maxMs} ms)` : charter.limits.evalTimeoutMs}`,
);
const honest = await measure("without runaways", false);
const withThem = await measure(`with 1 in ${every} runaways`, true);
const ratio = withThem.rate / honest.rate;
console.log(
  `  ratio ${ratio.toFixed(2)} (goal >= ${GOAL_RATIO}): ${ratio >= GOAL_RATIO ? "met" : "NOT met"}`,
);
