/**
 * Scores train.py (trusted). Two sandboxed steps, both through the charter's
 * `run` command (a one-line launcher that runs the script the header carries):
 * 1. training: data/steps/train_step.py runs the candidate with the training text
 *    on stdin and the time budget of data/settings.json; it prints the model as
 *    base64 TorchScript. Only the training text ever enters this sandbox.
 * 2. scoring: data/steps/score_step.py, in a fresh sandbox, loads that model and
 *    scores validation text (holdout text for the holdout split) in bits per
 *    character, after checking the parameter cap and causality. It never runs
 *    train.py, and it reports under a nonce the model cannot know.
 * The step scripts and the settings live in data/, which the charter pin
 * covers whole (files read with fs are pinned only there): changing the
 * scorer, the budget or the parameter cap halts a run until a person accepts.
 * Whatever else the candidate prints (a "val_bpc" of its own, say) is ignored.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defineEvaluator, type EvalContext, type RunResult } from "steward";

interface Settings {
  budget_seconds: number;
  max_params: number;
  context: number;
  score_chars: number;
  startup_slack_seconds: number;
}

const TORCH_MISSING =
  "PyTorch is missing for /usr/bin/python3: install it with `apt-get install -y python3-torch` (Debian/Ubuntu), then check with `steward doctor`";

function header(ctx: EvalContext, step: string, extra: Record<string, unknown>): string {
  const read = (name: string) => readFileSync(join(ctx.dataDir, "steps", name), "utf8");
  return `${JSON.stringify({ name: `${step}.py`, script: read(`${step}.py`), ...extra })}\n`;
}

function failed(ctx: EvalContext, step: string, run: RunResult): never {
  if (/No module named '?torch/.test(run.stderr)) ctx.invalid(TORCH_MISSING);
  const tail = run.stderr.trim().split("\n").slice(-6).join("\n");
  return ctx.invalid(`the ${step} step exited with code ${run.exitCode}: ${tail.slice(-1500)}`);
}

export default defineEvaluator({
  async evaluate(candidate, ctx) {
    const settings = JSON.parse(
      readFileSync(join(ctx.dataDir, "settings.json"), "utf8"),
    ) as Settings;
    const trainText = readFileSync(join(ctx.dataDir, "train.txt"), "utf8");
    const vocab = [...new Set(trainText)].sort().join("");
    const slackMs = settings.startup_slack_seconds * 1000;

    const trainStarted = performance.now();
    const config = { seed: ctx.seed, budget_seconds: settings.budget_seconds, vocab };
    const trained = await candidate.run([], {
      stdin: header(ctx, "train_step", { config }) + trainText,
      timeoutMs: settings.budget_seconds * 1000 + slackMs,
    });
    const trainMs = performance.now() - trainStarted;
    if (trained.exitCode !== 0) failed(ctx, "training", trained);
    const report = trained.stdout.trim().split("\n").at(-1) ?? "";
    let out: { model?: unknown; steps?: unknown; train_loss?: unknown };
    try {
      out = JSON.parse(report);
    } catch {
      return ctx.invalid(`train.py's last line is not its JSON report: ${report.slice(0, 120)}`);
    }
    if (typeof out.model !== "string") return ctx.invalid("train.py's report has no model");
    ctx.log(`trained ${String(out.steps)} steps in ${Math.round(trainMs)} ms`);

    const file = ctx.split === "holdout" ? "holdout.txt" : "validation.txt";
    const text = readFileSync(join(ctx.dataDir, file), "utf8").slice(0, settings.score_chars);
    const nonce = randomBytes(16).toString("hex");
    const scoreStarted = performance.now();
    const scored = await candidate.run([], {
      stdin: `${header(ctx, "score_step", {
        nonce,
        vocab,
        seed: ctx.seed,
        context: settings.context,
        max_params: settings.max_params,
      })}${out.model}\n${text}`,
      timeoutMs: slackMs + 60_000,
    });
    const scoreMs = performance.now() - scoreStarted;
    const line = scored.stdout.split("\n").find((l) => l.startsWith(`RESULT ${nonce} `));
    if (!line) failed(ctx, "scoring", scored);
    const result = JSON.parse(line.slice(`RESULT ${nonce} `.length)) as {
      bpc?: number;
      params?: number;
      error?: string;
    };
    if (result.error !== undefined || typeof result.bpc !== "number") {
      return ctx.invalid(result.error ?? "the scoring step gave no number");
    }
    const metrics: Record<string, number> = {
      val_bpc: result.bpc,
      params: result.params ?? 0,
      train_ms: Math.round(trainMs),
      score_ms: Math.round(scoreMs),
    };
    if (typeof out.steps === "number" && Number.isFinite(out.steps)) metrics.steps = out.steps;
    if (typeof out.train_loss === "number" && Number.isFinite(out.train_loss))
      metrics.train_loss = out.train_loss;
    return { metrics };
  },
});
