/**
 * The evaluator: trusted, written by a person, never edited by Steward. It runs
 * in its own process and reaches the candidate only through `candidate.call`,
 * each call crossing into the sandbox.
 *
 * Splits: "train" (used during search) samples 64 evenly spaced points of
 * [-3, 3]; "holdout" and "test" sample the 63 midpoints between them, which
 * mutators never see.
 */
import { defineEvaluator } from "steward";

const LOW = -3;
const HIGH = 3;
const POINTS = 64;

/** erf(x) by its Taylor series, accurate to about 1e-13 on [-3, 3]. */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function samplePoints(split: string): number[] {
  const step = (HIGH - LOW) / (POINTS - 1);
  if (split === "train") return Array.from({ length: POINTS }, (_, i) => LOW + i * step);
  return Array.from({ length: POINTS - 1 }, (_, i) => LOW + (i + 0.5) * step);
}

export default defineEvaluator({
  async evaluate(candidate, ctx) {
    const xs = samplePoints(ctx.split);
    let squares = 0;
    let worst = 0;
    for (const x of xs) {
      const y = await candidate.call<unknown>("f", x);
      if (typeof y !== "number" || !Number.isFinite(y)) {
        return ctx.invalid(`f(${x}) returned ${String(y)}, expected a finite number`);
      }
      const difference = Math.abs(y - erf(x));
      squares += difference * difference;
      worst = Math.max(worst, difference);
    }
    const error = Math.sqrt(squares / xs.length);
    ctx.log(`${ctx.split}: RMS error ${error.toExponential(3)}, worst ${worst.toExponential(3)}`);
    return { metrics: { error, max_error: worst } };
  },
});
