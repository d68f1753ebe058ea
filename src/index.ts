export { StewardError } from "./errors.ts";
export type {
  Candidate,
  DriverCandidate,
  DriverDefinition,
  EvalContext,
  EvaluatorDefinition,
  EvaluatorResult,
  RunOptions,
  RunResult,
} from "./evaluation/evaluator.ts";
export { defineDriver, defineEvaluator } from "./evaluation/evaluator.ts";
export type { EvalMode, EvaluationOutcome, Metrics, OutcomeKind } from "./evaluation/outcome.ts";
