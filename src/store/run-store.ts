/**
 * What an evolution run keeps: the run itself (seed, configuration, status,
 * time spent) and its candidates in the order they were made, each linked to
 * its program and, once acknowledged, to its evaluation. Replaying candidates in
 * order rebuilds the population after a stop or a crash.
 */
import type {
  EvaluatedBy,
  EvaluationOutcome,
  Metrics,
  OutcomeKind,
} from "../evaluation/outcome.ts";
import type { SandboxLevel } from "../sandbox/level.ts";
import type { EvaluationRecord } from "./records.ts";

export type RunStatus = "running" | "stopped" | "finished" | "failed";

export interface RunRecord {
  id: number;
  seed: number;
  config: Record<string, unknown>;
  status: RunStatus;
  /** Why it stopped: "max-evals", "max-time", "target", "stop", "stop-now", an error... */
  stopReason: string | null;
  /** Wall time spent running, summed over sessions (resumes). */
  elapsedMs: number;
  /** Opaque engine state to restore on resume (mutator rates...). */
  state: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface NewCandidate {
  runId: number;
  programId: number;
  island: number;
  parentId: number | null;
  /** The mutator and operator that made it ("seed" for the seed). */
  mutator: string;
  operator: string;
  generation: number;
  /** The mutator's stated reason (LLM mutators), shown to reviewers. */
  rationale?: string | null;
  /** The bandit arm that chose the mutator. */
  arm?: string | null;
}

export interface CandidateRecord extends NewCandidate {
  id: number;
  evaluationId: number | null;
  outcome: OutcomeKind | null;
  metrics: Metrics | null;
  /** Higher is better; null unless the evaluation was ok and met the constraints. */
  fitness: number | null;
  features: Record<string, number> | null;
  rationale: string | null;
  arm: string | null;
  /** The bandit's reward for this candidate, once evaluated. */
  reward: number | null;
  /** The sandbox level its evaluation ran at (null until evaluated; absent where not read). */
  sandbox?: SandboxLevel | null;
  createdAt: string;
}

export interface CandidateResult {
  fitness: number | null;
  features: Record<string, number> | null;
  reward?: number | null;
}

/** What `RunStore.tallies` adds up over a run's candidates (fitness is higher-is-better). */
export interface RunTallies {
  candidates: number;
  evaluated: number;
  outcomes: Partial<Record<OutcomeKind, number>>;
  seedFitness: number | null;
  best: { programId: number; fitness: number; operator: string; generation: number } | null;
  arms: Array<{ arm: string; candidates: number; improved: number }>;
}

export interface RunStore {
  create(seed: number, config: Record<string, unknown>): RunRecord;
  get(id: number): RunRecord | undefined;
  /** The newest run, whatever its status. */
  latest(): RunRecord | undefined;
  list(): RunRecord[];
  update(
    id: number,
    patch: Partial<Pick<RunRecord, "status" | "stopReason" | "elapsedMs" | "state">>,
  ): void;
  addCandidate(candidate: NewCandidate): CandidateRecord;
  /**
   * Records a candidate's evaluation and result in one transaction: once this
   * returns, the evaluation is acknowledged and survives a kill -9.
   */
  recordEvaluation(
    candidateId: number,
    outcome: EvaluationOutcome,
    result: CandidateResult,
  ): EvaluationRecord;
  /**
   * A run's candidates in the order they were made (no code: fetch programs by
   * id); with `fromId`, only those whose id is at least `fromId` (a reader that
   * keeps the earlier ones re-reads just the tail that may have changed).
   */
  candidates(runId: number, fromId?: number): CandidateRecord[];
  countEvaluated(runId: number): number;
  /**
   * A run's tallies without reading its candidates (what `steward status`
   * shows, in constant memory on a run of any length); the same as a pass over
   * `candidates(runId)` in id order: outcomes of the acknowledged, the fitness
   * of the last evaluated candidate without a parent (the seed), the first
   * candidate with the highest fitness, and per bandit arm (in order of first
   * use) its candidates and those with a positive reward.
   */
  tallies(runId: number): RunTallies;
  /**
   * The first acknowledged candidate (in the order evaluations were recorded)
   * whose fitness is at least `fitness`, and how many evaluations of the run
   * had been acknowledged by then, itself included; null if none reached it.
   */
  firstAtLeast(
    runId: number,
    fitness: number,
  ): { evaluations: number; programId: number; fitness: number } | null;
  /**
   * A run's acknowledged evaluations by who ran them: one entry per queue
   * worker (its recorded identity), and one with `worker: null` for the
   * engine's own machine; most evaluations first.
   */
  evaluationsByWorker(runId: number): Array<{ worker: EvaluatedBy | null; evaluations: number }>;
}
