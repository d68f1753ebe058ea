/**
 * Scores the Python packing heuristic (trusted). One `candidate.run` gets every
 * instance as a JSON line on stdin and must print exactly one assignment line
 * per instance, nothing else: any other output is invalid, so a printed "metrics"
 * line can never become a score. "train": instances generated from the
 * evaluation's seed; "holdout": data/holdout.json, which also holds a canary
 * secret no candidate may ever see. The evaluator checks every assignment and
 * counts the bins itself; `time_ms` is its own clock.
 */
import fs from "node:fs";
import path from "node:path";
import { defineEvaluator, type EvalContext } from "steward";

interface Instance {
  capacity: number;
  items: number[];
}

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(seed: number): Instance[] {
  const next = random(seed + 1);
  return [0, 1, 2].map(() => ({
    capacity: 100,
    items: Array.from({ length: 120 }, () => 5 + Math.floor(next() * 60)),
  }));
}

function holdout(ctx: EvalContext): Instance[] {
  const file = JSON.parse(fs.readFileSync(path.join(ctx.dataDir, "holdout.json"), "utf8")) as {
    canary: string;
    instances: Instance[];
  };
  if (!file.canary.startsWith("REDTEAM-HOLDOUT")) ctx.invalid("holdout data is damaged");
  return file.instances;
}

/** Bins used by a valid assignment; anything else ends the evaluation as invalid. */
function binsUsed(ctx: EvalContext, instance: Instance, assignment: unknown): number {
  if (!Array.isArray(assignment) || assignment.length !== instance.items.length)
    return ctx.invalid("an assignment of the wrong length");
  const load: number[] = [];
  assignment.forEach((bin, i) => {
    if (!Number.isInteger(bin) || bin < 0 || bin > load.length)
      ctx.invalid(`item ${i} went to bin ${String(bin)}`);
    load[bin] = (load[bin] ?? 0) + (instance.items[i] ?? 0);
    if ((load[bin] ?? 0) > instance.capacity) ctx.invalid(`bin ${bin} overflows`);
  });
  return load.length;
}

function parseLine(ctx: EvalContext, line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return ctx.invalid(`an output line is not an assignment: ${line.slice(0, 80)}`);
  }
}

export default defineEvaluator({
  async evaluate(candidate, ctx) {
    const instances = ctx.split === "holdout" ? holdout(ctx) : generated(ctx.seed);
    const started = performance.now();
    // The charter's call_timeout_ms equals eval_timeout_ms: the one run is the evaluation.
    const run = await candidate.run([], {
      stdin: instances.map((instance) => `${JSON.stringify(instance)}\n`).join(""),
    });
    if (run.exitCode !== 0) ctx.invalid(`exit code ${run.exitCode}`);
    const lines = run.stdout.split("\n").filter((line) => line.trim() !== "");
    if (lines.length !== instances.length)
      ctx.invalid(`expected ${instances.length} assignment lines, got ${lines.length}`);
    let bins = 0;
    instances.forEach((instance, k) => {
      bins += binsUsed(ctx, instance, parseLine(ctx, lines[k] ?? ""));
    });
    return { metrics: { bins, time_ms: performance.now() - started } };
  },
});
