/** What a run reports as it goes, for the CLI's progress display and for library users. */
import type { StewardErrorCode } from "../errors.ts";
import type { OutcomeKind } from "../evaluation/outcome.ts";
import type { BudgetStop } from "./budget.ts";

export interface RunStats {
  runId: number;
  /** Evaluations acknowledged in this run, all sessions. */
  evaluated: number;
  /** Evaluations in this session, and their rate. */
  sessionEvaluated: number;
  evalsPerSecond: number;
  inFlight: number;
  elapsedMs: number;
  seedObjective: number | null;
  bestObjective: number | null;
  bestProgramId: number | null;
  outcomes: Partial<Record<OutcomeKind, number>>;
  duplicates: number;
  /** Mutations that produced nothing new (refused, unchanged). */
  refused: number;
  evalsLeft: number | null;
  timeLeftMs: number | null;
}

export type StopReason = BudgetStop | "stop" | "stop-now" | "charter-changed" | "error";

export type RunEvent =
  | {
      type: "started";
      runId: number;
      resumed: boolean;
      evaluated: number;
      pending: number;
      workers: number;
    }
  | {
      /** A new candidate was stored; its evaluation follows ("evaluated"). */
      type: "candidate";
      candidateId: number;
      programId: number;
      parentId: number | null;
      mutator: string;
      operator: string;
    }
  | {
      type: "evaluated";
      programId: number;
      outcome: OutcomeKind;
      objective: number | null;
      isNewBest: boolean;
      operator: string;
      stats: RunStats;
    }
  | {
      type: "proposal";
      proposalId: number;
      programId: number;
      status: "open" | "blocked";
      /** Gates that failed or errored, for a blocked proposal. */
      failed: string[];
    }
  | { type: "paused" }
  | { type: "resumed" }
  /** From the evaluation queue (`--queue`): Redis lost or back, a worker refusing jobs. */
  | { type: "queue"; message: string }
  | {
      type: "stopped";
      reason: StopReason;
      message: string;
      /** With reason "error", the error's code (e.g. "seed-failed", "no-new-program"). */
      code?: StewardErrorCode;
      stats: RunStats;
    };
