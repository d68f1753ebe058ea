/**
 * Scores the C program on the measurements of examples/symbolic-regression:
 * one `candidate.run` compiles program.c with gcc inside the sandbox and runs
 * it on the sample points (stdin, one per line); the evaluator reads one value
 * per line and computes the root mean square error itself.
 */
import { defineEvaluator } from "steward";

const hidden = (x: number) => x * x * x - 2 * x + Math.sin(3 * x);

function points(split: string): number[] {
  const n = 40;
  if (split === "holdout") return Array.from({ length: n }, (_, i) => -2 + (4 * (i + 0.5)) / n);
  return Array.from({ length: n + 1 }, (_, i) => -2 + (4 * i) / n);
}

export default defineEvaluator({
  async evaluate(candidate, ctx) {
    const xs = points(ctx.split);
    const run = await candidate.run([], { stdin: xs.map((x) => `${x}\n`).join("") });
    if (run.exitCode !== 0) ctx.invalid(`exit code ${run.exitCode}: ${run.stderr.slice(-600)}`);
    const ys = run.stdout.trim().split("\n").map(Number);
    if (ys.length !== xs.length) ctx.invalid(`expected ${xs.length} lines, got ${ys.length}`);
    let sum = 0;
    xs.forEach((x, i) => {
      const y = ys[i] ?? Number.NaN;
      if (!Number.isFinite(y)) ctx.invalid(`f(${x}) printed ${String(y)}`);
      sum += (y - hidden(x)) ** 2;
    });
    return { metrics: { rmse: Math.sqrt(sum / xs.length) } };
  },
});
