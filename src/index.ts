/**
 * Steward as a library. Evaluators and drivers are written with
 * `defineEvaluator` / `defineDriver`; programs are evolved with `evolve` and
 * scored with `evaluate`; a new way of proposing programs implements `Mutator`.
 */
export type { EvaluateProgramOptions } from "./api/evaluate.ts";
export { evaluate } from "./api/evaluate.ts";
export type {
  EvolveEvent,
  EvolveEventOf,
  EvolveEventType,
  EvolveHandle,
  EvolveOptions,
} from "./api/evolve.ts";
export { evolve } from "./api/evolve.ts";
export type { RunSummary } from "./engine/evolve.ts";
export type { RunStats, StopReason } from "./engine/run-events.ts";
export * from "./evaluator-entry.ts";
export type {
  MutationRequest,
  MutationResult,
  Mutator,
  ProgramView,
} from "./mutate/mutator.ts";
