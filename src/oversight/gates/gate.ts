/**
 * The promotion gates: automatic checks a candidate must pass after it beats
 * the champion in search and before a person sees it as a proposal.
 *
 * Each gate is one small object implementing {@link Gate}; `run-gates.ts` runs
 * them in order against one {@link GateContext} and collects a {@link GateReport}.
 * A gate that throws, or whose evaluation does not end "ok", fails closed with
 * status "error"; a gate the charter turns off is reported as "skipped".
 */
import type { EvalMode, EvaluationOutcome } from "../../evaluation/outcome.ts";
import type { Charter, GatesConfig } from "../../problem/charter.ts";

export type GateName = "verify" | "stability" | "holdout" | "resources" | "implausible";

/**
 * - "pass": the check ran and the candidate met it;
 * - "fail": the check ran and the candidate did not meet it (blocks the proposal);
 * - "error": the check could not run (an evaluation was not "ok", or it threw): blocks too;
 * - "flag": not a failure, but the proposal needs one extra approval;
 * - "skipped": turned off by the charter, or nothing to check against.
 */
export type GateStatus = "pass" | "fail" | "error" | "flag" | "skipped";

export interface GateResult {
  gate: GateName;
  status: GateStatus;
  /** One line for people: what was measured and against what bound. */
  summary: string;
  /** Plain JSON (finite numbers, strings, booleans, null, arrays, objects): what the gate saw. */
  evidence: Record<string, unknown>;
  /**
   * What a reviewer should know though the gate did not fail (say, that it
   * could not have failed); the proposal's warnings list them, so they are signed.
   */
  warnings?: string[];
}

/** What one gate's run decides; the runner adds the gate's name. */
export type GateVerdict = Omit<GateResult, "gate">;

export interface GateEvaluateOptions {
  mode: EvalMode;
  split: string;
  seed: number;
}

export interface GateContext {
  /** Gate settings in `charter.gates`, the objective in `charter.objective`. */
  charter: Charter;
  /** `search` is the ok search-mode outcome that beat the champion. */
  candidate: { code: string; search: EvaluationOutcome };
  /** `search` is the champion's latest ok search-mode outcome, when the store has one. */
  champion: { code: string; search: EvaluationOutcome | null };
  /** Largest improvement (objective units, > 0) any earlier step made, or null when none yet. */
  largestImprovementSoFar: number | null;
  /** The seed the search outcome used; stability re-runs derive fresh ones from it. */
  seed: number;
  /** Evaluates any program (the engine passes its evaluator pool); rejects only when aborted. */
  evaluate(code: string, options: GateEvaluateOptions): Promise<EvaluationOutcome>;
  /** Aborting stops the gates: `runGates` then rejects with StewardError("stopped"). */
  signal?: AbortSignal;
}

export interface GateReport {
  /** True only when no gate ended "fail" or "error". */
  passed: boolean;
  /** True when a gate flagged the candidate (an implausible gain). */
  needsExtraApproval: boolean;
  /** One result per gate, in the order the gates ran. */
  results: GateResult[];
}

/** An evaluation and its objective value (as measured: not negated for minimised objectives). */
export interface Scored {
  outcome: EvaluationOutcome;
  score: number;
}

/**
 * The evaluations of one `runGates` call, shared by its gates: each is made at
 * most once. Every method throws (an "error" result) unless the evaluation is
 * "ok" with a finite objective.
 */
export interface GateEvaluations {
  /** The candidate's search score, the one that beat the champion. */
  candidateSearch(): number;
  /** The champion's score on the search split: its stored search run, else a verify run. */
  championSearch(): Promise<number>;
  /** The split and seed of the candidate's search run, in the given mode. */
  atSeed(mode: EvalMode): GateEvaluateOptions;
  /** One evaluation of the candidate or the champion. */
  get(subject: "candidate" | "champion", options: GateEvaluateOptions): Promise<Scored>;
}

/** What a gate gets to work with: the context, and evaluations shared by all gates of a run. */
export interface GateRun {
  ctx: GateContext;
  evaluations: GateEvaluations;
}

export interface Gate {
  readonly name: GateName;
  /** False when the charter turns the gate off: it is reported "skipped" and never runs. */
  enabled(gates: GatesConfig): boolean;
  /** Decides; may throw (the runner turns that into status "error"). */
  run(run: GateRun): Promise<GateVerdict>;
}
