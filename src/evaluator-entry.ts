/**
 * What a problem's evaluator and driver import as "steward" inside the
 * evaluator process (src/evaluation/host/loader/resolve-steward.mjs): defining an
 * evaluator needs none of the engine, the store or the LLM clients, and an
 * evaluator process starts often, so it loads only this. The package's full
 * entry (src/index.ts) re-exports all of it.
 */
export type { StewardErrorCode } from "./errors.ts";
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
export type {
  EvalMode,
  EvaluatedBy,
  EvaluationOutcome,
  FailureSource,
  Metrics,
  OutcomeError,
  OutcomeKind,
} from "./evaluation/outcome.ts";
