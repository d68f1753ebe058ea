/**
 * Scores the packing heuristic (trusted). "train": instances generated from the
 * evaluation's seed; "holdout": data/holdout.json, which also holds a canary
 * secret no candidate may ever see. The evaluator checks every assignment and
 * counts the bins itself; `time_ms` is its own clock, never the candidate's.
 */
import { defineEvaluator } from "steward";
import { binsUsed, generated, holdout } from "../shared/packing.ts";

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
