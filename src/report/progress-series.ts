/**
 * How a run's score moved, as plain data for the progress chart: the best and
 * the median objective in buckets of evaluations (at least 5 each, at most `buckets` points, so a
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

/**
 * The acknowledged evaluations in acknowledgement order, compactly: each one's
 * objective (NaN when it scored nothing) and creation time (ms since epoch).
 * The dashboard appends to one as a run goes on (`add`), so a chart over
 * 100,000 evaluations is a pass over two typed arrays.
 */
export class ProgressSamples {
  objectives = new Float64Array(1024);
  times = new Float64Array(1024);
  length = 0;

  add(objective: number | null, createdAt: string): void {
    if (this.length === this.objectives.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.objectives = grow(this.objectives);
      this.times = grow(this.times);
    }
    this.objectives[this.length] = objective ?? Number.NaN;
    this.times[this.length] = Date.parse(createdAt);
    this.length++;
  }
}

export function progressSeries(
  candidates: readonly CandidateRecord[],
  champions: readonly ChampionRecord[],
  charter: Charter,
  buckets = 200,
): ProgressSeries {
  const evaluated = candidates.filter((c) => c.evaluationId !== null);
  evaluated.sort((a, b) => (a.evaluationId as number) - (b.evaluationId as number));
  const samples = new ProgressSamples();
  for (const c of evaluated) {
    samples.add(c.fitness === null ? null : objectiveOf(c.fitness, charter), c.createdAt);
  }
  const start = candidates.length ? Date.parse(candidates[0]?.createdAt ?? "") : 0;
  return seriesOf(samples, start, champions, charter, buckets);
}

/** The series from samples; `start`: the run's first candidate's time (ms since epoch). */
export function seriesOf(
  samples: ProgressSamples,
  start: number,
  champions: readonly ChampionRecord[],
  charter: Charter,
  buckets = 200,
): ProgressSeries {
  const n = samples.length;
  // At least 5 evaluations a point: a median of one is noise.
  const size = Math.max(5, Math.ceil(n / buckets));
  const sign = charter.objective.direction === "minimize" ? -1 : 1;
  const points: ProgressPoint[] = [];
  const scores = new Float64Array(size);
  let best: number | null = null;
  for (let from = 0; from < n; from += size) {
    const to = Math.min(n, from + size);
    let scored = 0;
    for (let i = from; i < to; i++) {
      const objective = samples.objectives[i] as number;
      if (Number.isNaN(objective)) continue;
      scores[scored++] = objective;
      if (best === null || sign * (objective - best) > 0) best = objective;
    }
    points.push({
      evaluations: to,
      timeMs: Math.max(0, (samples.times[to - 1] as number) - start),
      best,
      median: median(scores.subarray(0, scored)),
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

/** The median of `values` (sorted in place). */
function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = values.sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
