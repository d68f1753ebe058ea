/** Scores f against measurements of the line 3x + 2 at 21 points on [-5, 5]. */
import { defineEvaluator } from "steward";

const xs = Array.from({ length: 21 }, (_, i) => -5 + i / 2);

export default defineEvaluator({
  async evaluate(candidate, ctx) {
    let sum = 0;
    for (const x of xs) {
      const y = await candidate.call<number>("f", x);
      if (typeof y !== "number" || !Number.isFinite(y))
        ctx.invalid(`f(${x}) returned ${String(y)}`);
      sum += (y - (3 * x + 2)) ** 2;
    }
    return { metrics: { mse: sum / xs.length } };
  },
});
