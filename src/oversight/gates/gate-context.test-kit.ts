/**
 * For gate tests: a charter, a candidate and a champion, and an `evaluate` that
 * plays a script instead of running anything, recording every call.
 */
import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import type { ObjectiveDirection } from "../../problem/charter.ts";
import { parseCharter } from "../../problem/parse-charter.ts";
import type { Gate, GateContext, GateEvaluateOptions, GateResult } from "./gate.ts";
import { runGate } from "./run-gates.ts";
import { SharedEvaluations, type Subject } from "./shared-evaluations.ts";

/** A score, a whole outcome (fields over an ok one), or an error to throw. */
export type Scripted = number | Partial<EvaluationOutcome> | Error;

export type Script = (who: Subject, options: GateEvaluateOptions) => Scripted;

export interface TestContextOptions {
  /** The charter's `gates` section as in the file (snake_case). */
  gates?: Record<string, unknown>;
  direction?: ObjectiveDirection;
  candidateSearch?: Scripted;
  championSearch?: Scripted | null;
  largest?: number | null;
  /** Default: the candidate scores 10 and the champion 5 everywhere. */
  script?: Script;
}

export function outcome(scripted: Scripted, options: Partial<GateEvaluateOptions> = {}) {
  if (scripted instanceof Error) throw scripted;
  const fields = typeof scripted === "number" ? { metrics: { score: scripted } } : scripted;
  const result: EvaluationOutcome = {
    outcome: "ok",
    metrics: { score: 0 },
    error: null,
    mode: options.mode ?? "search",
    split: options.split ?? "train",
    durationMs: 300,
    peakMemoryBytes: 100_000_000,
    sandbox: "process",
    stdout: "",
    stderr: "",
    artifacts: {},
    log: [],
    warnings: [],
    ...fields,
  };
  return result;
}

export const defaultScript: Script = (who) => (who === "candidate" ? 10 : 5);

export function testContext(options: TestContextOptions = {}) {
  const calls: Array<{ who: Subject } & GateEvaluateOptions> = [];
  const charter = parseCharter(
    {
      name: "demo",
      program: "program.ts",
      objective: { metric: "score", direction: options.direction ?? "maximize" },
      gates: options.gates ?? {},
    },
    "steward.yaml",
  );
  const script = options.script ?? defaultScript;
  const championSearch = options.championSearch === undefined ? 5 : options.championSearch;
  const ctx: GateContext = {
    charter,
    candidate: { code: "candidate", search: outcome(options.candidateSearch ?? 10) },
    champion: {
      code: "champion",
      search: championSearch === null ? null : outcome(championSearch),
    },
    largestImprovementSoFar: options.largest === undefined ? null : options.largest,
    seed: 7,
    async evaluate(code, evaluateOptions) {
      const who = code === "candidate" ? "candidate" : "champion";
      calls.push({ who, ...evaluateOptions });
      return outcome(script(who, evaluateOptions), evaluateOptions);
    },
  };
  return { ctx, calls };
}

/** One gate's result, through the runner (so "skipped" and "error" apply). */
export function check(gate: Gate, ctx: GateContext): Promise<GateResult> {
  return runGate(gate, ctx, new SharedEvaluations(ctx));
}

/** A failed evaluation, as the evaluator reports one. */
export const crashed: Partial<EvaluationOutcome> = {
  outcome: "crashed",
  metrics: null,
  error: { source: "candidate", message: "TypeError: boom" },
};
