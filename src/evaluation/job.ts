/**
 * What the engine asks an evaluator process to do, and what it answers, over
 * Node's IPC channel. The evaluator process is trusted but runs apart from the
 * engine, with no secrets in its environment.
 */
import type { SandboxLevel, SandboxRequirement } from "../sandbox/level.ts";
import type { SandboxLimits } from "../sandbox/limits.ts";
import type { EvalMode, EvaluationOutcome } from "./outcome.ts";

export interface EvaluationJob {
  evaluatorPath: string;
  /** The driver's TypeScript source path, run here in verify mode. */
  driverPath: string | null;
  problemDir: string;
  dataDir: string;
  /** Read-only folder with the candidate (and the compiled driver in search mode). */
  codeDir: string;
  candidate: { kind: "js" } | { kind: "command"; programFile: string; command: string[] };
  mode: EvalMode;
  split: string;
  seed: number;
  objective: string;
  limits: SandboxLimits;
  sandbox: SandboxRequirement;
  /** The level the engine detected; the evaluator does not probe again. */
  sandboxLevel: SandboxLevel;
  /** Host folders no candidate may see (problem folder, store, config folder with keys). */
  hide: string[];
  /**
   * Whether the evaluator process, once done, starts the next search
   * candidate's sandbox ahead (host/spare-sandbox.ts): true for a long-lived
   * process (the engine's pool, a worker), false for a one-off evaluation.
   */
  prestart: boolean;
}

export type EngineToEvaluator = { type: "evaluate"; job: EvaluationJob };

export type EvaluatorToEngine =
  | { type: "sandbox-started"; pid: number; uid: number | null; level: SandboxLevel }
  /** A sandbox started ahead for the next candidate; `sandbox-started` names it once taken. */
  | { type: "spare-started"; pid: number; uid: number | null }
  | { type: "done"; outcome: EvaluationOutcome };
