/**
 * How a run's score moved, as plain data for the progress chart: the best and
 * the median objective in buckets of evaluations (at most `buckets` points, so a
 * run of 100,000 evaluations draws as fast as one of 100), with the time each
 * bucket ended, and the champion history (seed, deploys, rollbacks) placed on
 * the same axes.
 */

import { objectiveOf } from "../evaluation/fitness.ts";
import type { Charter } from "../problem/charter.ts";
import type { ChampionRecord } from "../store/oversight-store.ts";
import type { CandidateRecord } from "../store/run-store.ts";

export interface ProgressPoint {
  /** Evaluations acknowledged up to the end of this bucket. */
  evaluations: number;
  /** Ms from the run's first candidate to the end of this bucket (candidate creation times). */
  timeMs: number;
  /** Best objective so far (null while nothing scored). */
  best: number | null;
  /** Median objective of the bucket's scored evaluations (null if none scored). */
  median: number | null;
}

export interface ChampionMark {
  reason: ChampionRecord["reason"];
  programId: number;
  proposalId: number | null;
  objective: number | null;
  /** Where it happened on both axes (clamped into the run). */
  evaluations: number;
  timeMs: number;
  createdAt: string;
}

export interface ProgressSeries {
  direction: "minimize" | "maximize";
  metric: string;
  points: ProgressPoint[];
  champions: ChampionMark[];
}

export function progressSeries(
  candidates: readonly CandidateRecord[],
  champions: readonly ChampionRecord[],
  charter: Charter,
  buckets = 200,
): ProgressSeries {
  const evaluated = candidates
    .filter((c) => c.evaluationId !== null)
    .sort((a, b) => (a.evaluationId as number) - (b.evaluationId as number));
  const start = candidates.length ? Date.parse(candidates[0]?.createdAt ?? "") : 0;
  const size = Math.max(1, Math.ceil(evaluated.length / buckets));
  const sign = charter.objective.direction === "minimize" ? -1 : 1;
  const points: ProgressPoint[] = [];
  let best: number | null = null;
  for (let from = 0; from < evaluated.length; from += size) {
    const slice = evaluated.slice(from, from + size);
    const scores: number[] = [];
    for (const c of slice) {
      if (c.fitness === null) continue;
      const objective = objectiveOf(c.fitness, charter);
      scores.push(objective);
      if (best === null || sign * (objective - best) > 0) best = objective;
    }
    const last = slice.at(-1) as CandidateRecord;
    points.push({
      evaluations: from + slice.length,
      timeMs: Math.max(0, Date.parse(last.createdAt) - start),
      best,
      median: median(scores),
    });
  }
  return {
    direction: charter.objective.direction,
    metric: charter.objective.metric,
    points,
    champions: champions.map((c) => placeChampion(c, points, start)),
  };
}

/** A champion change placed at the first bucket that ended after it. */
function placeChampion(c: ChampionRecord, points: ProgressPoint[], start: number): ChampionMark {
  const at = Math.max(0, Date.parse(c.createdAt) - start);
  const after = points.find((p) => p.timeMs >= at) ?? points.at(-1);
  return {
    reason: c.reason,
    programId: c.programId,
    proposalId: c.proposalId,
    objective: c.objective,
    evaluations:
      after && after.timeMs >= at ? after.evaluations : (points.at(-1)?.evaluations ?? 0),
    timeMs: Math.min(at, points.at(-1)?.timeMs ?? at),
    createdAt: c.createdAt,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
