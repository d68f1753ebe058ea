/**
 * Scores the Python packing heuristic (trusted). One `candidate.run` gets every
 * instance as a JSON line on stdin and must print exactly one assignment line
 * per instance, nothing else: any other output is invalid, so a printed "metrics"
 * line can never become a score. "train": instances generated from the
 * evaluation's seed; "holdout": data/holdout.json, which also holds a canary
 * secret no candidate may ever see. The evaluator checks every assignment and
 * counts the bins itself; `time_ms` is its own clock.
 */
import { defineEvaluator, type EvalContext } from "steward";
import { binsUsed, generated, holdout } from "../shared/packing.ts";

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
