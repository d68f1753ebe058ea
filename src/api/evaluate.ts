/**
 * `evaluate(problemDir, programSource, options)`: scores one program with the
 * problem's evaluator, in the sandbox, as `steward eval` does, and returns the
 * typed outcome. Nothing is stored: a library caller decides what to keep.
 */
import { evaluateProgram } from "../evaluation/evaluate-program.ts";
import type { EvalMode, EvaluationOutcome } from "../evaluation/outcome.ts";
import { requireNeeds } from "../problem/check-needs.ts";
import { loadProblem } from "../problem/load-problem.ts";
import { detectSandbox, requireSandbox } from "../sandbox/detect.ts";

export interface EvaluateProgramOptions {
  /** "search" (default: the driver beside the candidate) or "verify" (every call crosses the boundary). */
  mode?: EvalMode;
  /** The data to score on: "train" (default), "holdout", ... as the evaluator knows them. */
  split?: string;
  /** Handed to the evaluator as ctx.seed (default 0). */
  seed?: number;
  /** Aborting kills the evaluation's processes; the promise then rejects. */
  signal?: AbortSignal;
}

export async function evaluate(
  problemDir: string,
  programSource: string,
  options: EvaluateProgramOptions = {},
): Promise<EvaluationOutcome> {
  const problem = loadProblem(problemDir);
  // The same refusal as the CLI's: never a weak sandbox without being asked.
  requireSandbox(detectSandbox().report, problem.charter.sandbox);
  requireNeeds(problem.charter.needs, problem.charter.name);
  return evaluateProgram(problem, { ...options, code: programSource });
}
