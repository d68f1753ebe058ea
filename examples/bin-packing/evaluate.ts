/**
 * Scores a bin packing heuristic (trusted; Steward never edits this file).
 *
 * Splits:
 * - "train" (used during search): every family of lib/families.ts, each on its
 *   own fixed seed.
 * - "holdout" (gates only, never shown to mutators): fresh instances of every
 *   family, on the families' holdout seeds.
 *   Both are fixed at `ctx.seed` 0, the seed of every search evaluation and of
 *   the verify and holdout gates; any other seed (the stability gate's re-runs)
 *   draws fresh sets from the same distributions (see instanceSeed).
 * - "test" (reporting only, never in search or the gates): the paper's OR3 and
 *   Weibull 5k from data/test/, and a capacity-500 Weibull set on its own seed.
 *
 * The objective `excess` is the mean over families (on "test": over the three
 * test sets) of each one's (mean bins used - mean L1) / mean L1, lower is
 * better; `excess_<family>` and `bins_<family>` report each one.
 */
import { defineEvaluator, type EvalContext, type EvaluatorResult } from "steward";
import { FAMILIES, familyInstances, instanceSeed, WEIBULL500_TEST } from "./lib/families.ts";
import type { Instance } from "./lib/instance.ts";
import { type SetScore, scoreSet } from "./lib/score-set.ts";
import { loadTestSets } from "./lib/test-sets.ts";

export { instanceSeed } from "./lib/families.ts";

function summary(name: string, score: SetScore): string {
  return `${name}: ${score.instances.length} instances, mean bins ${score.bins}, excess ${(score.excess * 100).toFixed(2)}%`;
}

/** Scores named sets; `excess` is the mean of their excesses. */
async function scoreSets(
  ctx: EvalContext,
  sets: ReadonlyArray<{ id: string; instances: readonly Instance[] }>,
  artifacts: Record<string, unknown>,
): Promise<EvaluatorResult> {
  const metrics: Record<string, number> = {};
  let total = 0;
  for (const set of sets) {
    const score = await scoreSet(ctx, set.instances);
    ctx.log(summary(`${ctx.split} ${set.id}`, score));
    metrics[`excess_${set.id}`] = score.excess;
    metrics[`bins_${set.id}`] = score.bins;
    artifacts[set.id] = score.instances;
    total += score.excess;
  }
  return { metrics: { excess: total / sets.length, ...metrics }, artifacts };
}

function scoreFamilies(ctx: EvalContext, split: "train" | "holdout"): Promise<EvaluatorResult> {
  const seeds: Record<string, number> = {};
  const sets = FAMILIES.map((family) => {
    const seed = instanceSeed(family.seeds[split], ctx.seed);
    seeds[family.id] = seed;
    return { id: family.id, instances: familyInstances(family, seed, split) };
  });
  return scoreSets(ctx, sets, { seeds });
}

function scoreTestSets(ctx: EvalContext): Promise<EvaluatorResult> {
  const paper = loadTestSets(ctx.dataDir);
  return scoreSets(
    ctx,
    [
      { id: "weibull5k", instances: paper.weibull5k },
      { id: "or3", instances: paper.or3 },
      {
        id: "weibull500",
        instances: familyInstances(WEIBULL500_TEST, WEIBULL500_TEST.seeds.train, "test"),
      },
    ],
    {},
  );
}

export default defineEvaluator({
  async evaluate(_candidate, ctx: EvalContext) {
    switch (ctx.split) {
      case "train":
      case "holdout":
        return scoreFamilies(ctx, ctx.split);
      case "test":
        return scoreTestSets(ctx);
      default:
        return ctx.invalid(`unknown split "${ctx.split}": expected train, holdout or test`);
    }
  },
});
