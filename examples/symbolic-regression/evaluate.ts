/**
 * Scores f on measurements of a hidden function: 41 training points on [-2, 2]
 * (split "train"), and 40 points between them as holdout (split "holdout"),
 * never shown to the search.
 */
import { defineEvaluator } from "steward";

/** The unknown function the measurements come from. */
const hidden = (x: number) => x * x * x - 2 * x + Math.sin(3 * x);

function points(split: string): number[] {
  const n = 40;
  return Array.from({ length: split === "holdout" ? n : n + 1 }, (_, i) =>
    split === "holdout" ? -2 + (4 * (i + 0.5)) / n : -2 + (4 * i) / n,
  );
}

export default defineEvaluator({
  async evaluate(candidate, ctx) {
    if (ctx.split !== "train" && ctx.split !== "holdout")
      ctx.invalid(`unknown split "${ctx.split}"`);
    const xs = points(ctx.split);
    let sum = 0;
    for (const x of xs) {
      const y = await candidate.call<number>("f", x);
      if (typeof y !== "number" || !Number.isFinite(y))
        ctx.invalid(`f(${x}) returned ${String(y)}`);
      sum += (y - hidden(x)) ** 2;
    }
    const rmse = Math.sqrt(sum / xs.length);
    return { metrics: { rmse } };
  },
});
