/**
 * Steward as a library. Evaluators and drivers are written with
 * `defineEvaluator` / `defineDriver`; programs are evolved with `evolve` and
 * scored with `evaluate`; a new way of proposing programs implements `Mutator`.
 * `SandboxBackend` and `Store` are the contracts a new sandbox or store keeps
 * (each file says what its members mean, may throw and must never do);
 * `openProblemStore` reads what a problem's runs stored.
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
export type { Budget, BudgetStop } from "./engine/budget.ts";
export type { RunSummary } from "./engine/evolve.ts";
export type { RunEvent, RunStats, StopReason } from "./engine/run-events.ts";
export type { EngineOptions } from "./engine/run-options.ts";
export * from "./evaluator-entry.ts";
export type {
  MutationRequest,
  MutationResult,
  Mutator,
  ProblemView,
  ProgramView,
  RepairRequest,
} from "./mutate/mutator.ts";
export type {
  CellSnapshot,
  FeatureDimension,
  PopulationConfig,
  PopulationSnapshot,
  SelectionStrategy,
} from "./population/types.ts";
export type {
  PreparedSandbox,
  SandboxBackend,
  SandboxSpec,
  SandboxView,
} from "./sandbox/backend.ts";
export type { SandboxLevel } from "./sandbox/level.ts";
export type { SandboxLimits } from "./sandbox/limits.ts";
export type * from "./store/ledger-store.ts";
export type * from "./store/llm-store.ts";
export type * from "./store/oversight-store.ts";
export { openProblemStore } from "./store/problem-store.ts";
export type * from "./store/records.ts";
export type * from "./store/run-store.ts";
export type { Store } from "./store/store.ts";
export type { Rng } from "./util/rng.ts";
