/**
 * Scores the packing heuristic (trusted). "train": instances generated from the
 * evaluation's seed; "holdout": data/holdout.json, which also holds a canary
 * secret no candidate may ever see. The evaluator checks every assignment and
 * counts the bins itself; `time_ms` is its own clock, never the candidate's.
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
    return ctx.invalid("the driver returned an assignment of the wrong length");
  const load: number[] = [];
  assignment.forEach((bin, i) => {
    if (!Number.isInteger(bin) || bin < 0 || bin > load.length)
      ctx.invalid(`item ${i} went to bin ${String(bin)}`);
    load[bin] = (load[bin] ?? 0) + (instance.items[i] ?? 0);
    if ((load[bin] ?? 0) > instance.capacity) ctx.invalid(`bin ${bin} overflows`);
  });
  return load.length;
}

export default defineEvaluator({
  async evaluate(_candidate, ctx) {
    const instances = ctx.split === "holdout" ? holdout(ctx) : generated(ctx.seed);
    const started = performance.now();
    let bins = 0;
    for (const instance of instances) {
      const assignment = await ctx.driver("pack", instance.items, instance.capacity);
      bins += binsUsed(ctx, instance, assignment);
    }
    return { metrics: { bins, time_ms: performance.now() - started } };
  },
});
