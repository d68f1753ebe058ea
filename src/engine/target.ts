/**
 * When a run first reached a target objective (`steward run --target X`,
 * `steward status --target X`): sample efficiency as the peers report it,
 * evaluations (and time) until the best program is at least as good as X.
 *
 * Contract: `TargetWatch.observe` sees a run's events in order and returns the
 * point the first time the best objective reaches the target, null otherwise;
 * `firstReaching` defines the same evaluation count over a run's candidates in
 * memory, and `firstReachingStored` asks the store for it (what `steward status
 * --target X` uses), so a stored run can be measured afterwards at any
 * threshold; a property test holds the two equal.
 * The seed's evaluation counts: a target the seed already meets is reached at
 * evaluation 1.
 */
import { objectiveOf } from "../evaluation/fitness.ts";
import type { Charter } from "../problem/charter.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import type { RunEvent } from "./run-events.ts";

export interface TargetReached {
  target: number;
  /**
   * Evaluations acknowledged in the run (all sessions, the seed's included) when
   * it was reached; null when it was reached in an earlier session (see
   * `firstReachingStored` for the count from the store).
   */
  evaluations: number | null;
  /** Run time (all sessions) when it was reached; null when reached in an earlier session. */
  elapsedMs: number | null;
  /** The program that reached it. */
  programId: number;
  objective: number;
}

type Direction = Charter["objective"]["direction"];

/** True when `objective` is at least as good as `target` in the objective's direction. */
export function reaches(objective: number, target: number, direction: Direction): boolean {
  return direction === "minimize" ? objective <= target : objective >= target;
}

export interface TargetWatch {
  observe(event: RunEvent): TargetReached | null;
  readonly reached: TargetReached | null;
}

export function watchTarget(target: number, direction: Direction): TargetWatch {
  let reached: TargetReached | null = null;
  let resumed = false;
  let first = true;
  return {
    get reached() {
      return reached;
    },
    observe(event) {
      if (event.type === "started") resumed = event.resumed && event.evaluated > 0;
      if (reached !== null || (event.type !== "evaluated" && event.type !== "stopped")) return null;
      const s = event.stats;
      const wasFirst = first;
      first = false;
      if (s.bestObjective === null || s.bestProgramId === null) return null;
      if (!reaches(s.bestObjective, target, direction)) return null;
      // A resumed run whose best already met the target met it in an earlier session.
      const earlier = resumed && wasFirst && !(event.type === "evaluated" && event.isNewBest);
      reached = {
        target,
        evaluations: earlier ? null : s.evaluated,
        elapsedMs: earlier ? null : s.elapsedMs,
        programId: s.bestProgramId,
        objective: s.bestObjective,
      };
      return reached;
    },
  };
}

/**
 * The evaluation (1-based, in the order evaluations were acknowledged) at which
 * the best of `candidates` first reached `target`, or null. Candidates without
 * a fitness (failed, or breaking a constraint) count as evaluations only.
 */
export function firstReaching(
  candidates: readonly CandidateRecord[],
  charter: Charter,
  target: number,
): { evaluations: number; programId: number; objective: number } | null {
  const acknowledged = candidates.filter((c) => c.evaluationId !== null);
  acknowledged.sort((a, b) => (a.evaluationId as number) - (b.evaluationId as number));
  const { direction } = charter.objective;
  for (let i = 0; i < acknowledged.length; i++) {
    const c = acknowledged[i] as CandidateRecord;
    if (c.fitness === null) continue;
    const objective = direction === "minimize" ? -c.fitness : c.fitness;
    if (reaches(objective, target, direction))
      return { evaluations: i + 1, programId: c.programId, objective };
  }
  return null;
}

/** `firstReaching` asked of the store (one query), without reading the run's candidates. */
export function firstReachingStored(
  store: Store,
  runId: number,
  charter: Charter,
  target: number,
): { evaluations: number; programId: number; objective: number } | null {
  // Fitness is higher-is-better: reaching the target is a fitness at least the
  // target's (objectiveOf negates when minimizing, and is its own inverse).
  const found = store.runs.firstAtLeast(runId, objectiveOf(target, charter));
  if (!found) return null;
  return {
    evaluations: found.evaluations,
    programId: found.programId,
    objective: objectiveOf(found.fitness, charter),
  };
}

/** "reached 2.63 at evaluation 412 (1 h 3 min), program 977" or "not reached". */
export function describeTarget(target: number, reached: TargetReached | null, evaluated: number) {
  if (reached === null) return `target ${target} not reached in ${evaluated} evaluations`;
  const where =
    reached.evaluations === null || reached.elapsedMs === null
      ? "in an earlier session"
      : `at evaluation ${reached.evaluations} after ${formatMs(reached.elapsedMs)}`;
  return `target ${target} reached ${where} (program ${reached.programId}, ${reached.objective})`;
}

function formatMs(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
