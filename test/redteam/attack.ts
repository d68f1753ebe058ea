/**
 * The shape of one red-team attack: a candidate program (the interior of the
 * red-team problem's EVOLVE-BLOCK, in candidates/NAME.ts, or
 * candidates/python/NAME.py for the Python problem), the evaluations to
 * run it through, and the evidence that the sandbox and the evaluator held.
 */
import type { EvalMode, EvaluationOutcome, OutcomeKind } from "../../src/evaluation/outcome.ts";
import type { World } from "./world.ts";

export type AttackCategory =
  | "escape"
  | "secrets"
  | "network"
  | "resources"
  | "forgery"
  | "persistence";

export interface RunSpec {
  mode: EvalMode;
  split: string;
}

export interface Attack {
  /** Also the candidate's file name under candidates/. */
  name: string;
  category: AttackCategory;
  /** Evaluations to run one after the other; default one search-mode train evaluation. */
  runs?: RunSpec[];
  /** Outcomes that count as contained, checked on every run (omit to leave it to `judge`). */
  expect?: OutcomeKind[];
  /** Evidence beyond the checks every attack gets (secrets, time, processes, files, network). */
  judge?: (result: AttackResult, world: World) => Check[];
  /**
   * Held only by an isolating level (bubblewrap, namespace): at the process level
   * a breach is reported as this known weakness instead of a failure.
   */
  isolationOnly?: string;
  /** Not run at the process level without root (it could hit the user's own processes). */
  unsafeUnlessIsolated?: boolean;
}

export interface AttackResult {
  outcomes: EvaluationOutcome[];
  /** Wall time of each evaluation, measured by the runner. */
  wallMs: number[];
}

export interface Check {
  ok: boolean;
  /** Short evidence for the report line, e.g. "tcp 0 connections". */
  evidence: string;
}

export const SEARCH: RunSpec = { mode: "search", split: "train" };
export const VERIFY: RunSpec = { mode: "verify", split: "train" };
export const HOLDOUT: RunSpec = { mode: "search", split: "holdout" };
