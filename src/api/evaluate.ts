/**
 * `evaluate(problemDir, programSource, options)`: scores one program with the
 * problem's evaluator, in the sandbox, as `steward eval` does, and returns the
 * typed outcome. Nothing is stored: a library caller decides what to keep.
 */
import { type EvaluateOptions, evaluateProgram } from "../evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { loadProblem } from "../problem/load-problem.ts";
import { detectSandbox, requireSandbox } from "../sandbox/detect.ts";

export type EvaluateProgramOptions = Pick<EvaluateOptions, "mode" | "split" | "seed" | "signal">;

export async function evaluate(
  problemDir: string,
  programSource: string,
  options: EvaluateProgramOptions = {},
): Promise<EvaluationOutcome> {
  const problem = loadProblem(problemDir);
  // The same refusal as the CLI's: never a weak sandbox without being asked.
  requireSandbox(detectSandbox().report, problem.charter.sandbox);
  return evaluateProgram(problem, { ...options, code: programSource });
}
