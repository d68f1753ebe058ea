/**
 * Resources gate: the candidate may not use much more CPU time or memory than
 * the champion. One wall-clock run each decided this before, so the same
 * candidate passed on a quiet machine and was blocked on a busy one. Now:
 *
 * - CPU time (user + system of the candidate's sandboxed processes), which
 *   other work on the machine barely moves, instead of wall time;
 * - {@link RUNS} verify-mode runs of each side, on the same seeds, the two
 *   compared by their medians, so one disturbed run cannot decide;
 * - a noise floor: times under {@link CPU_FLOOR_MS} and peaks under
 *   {@link MEMORY_FLOOR_BYTES} count as the floor (start-up dominates there).
 *
 * The evidence shows each side's min/median/max so a reviewer sees the spread.
 * When CPU time was not measured for every run, wall time is compared (and the
 * evidence says so); a missing peak-memory sample skips the memory check.
 */

import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import { formatRatio } from "./format.ts";
import type { Gate } from "./gate.ts";
import { stabilitySeeds } from "./stability.ts";

export const RUNS = 3;
export const CPU_FLOOR_MS = 200;
export const MEMORY_FLOOR_BYTES = 32 * 1024 * 1024;

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spreadOf(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { min: sorted[0] ?? 0, median, max: sorted.at(-1) ?? 0 };
}

/** Median ratio with both sides raised to the floor. */
function ratioAbove(candidate: Spread, champion: Spread, floor: number): number {
  return Math.max(candidate.median, floor) / Math.max(champion.median, floor);
}

/** Each side's peak memory, or null when any run was not measured. */
function peaks(outcomes: EvaluationOutcome[]): Spread | null {
  const values = outcomes.map((o) => o.peakMemoryBytes);
  if (values.some((v) => v === null || v <= 0)) return null;
  return spreadOf(values as number[]);
}

export const resourcesGate: Gate = {
  name: "resources",
  enabled: () => true,
  async run({ ctx, evaluations }) {
    const { maxSlowdown, maxMemoryGrowth } = ctx.charter.gates.resources;
    const at = evaluations.atSeed("verify");
    // The search seed and the stability gate's seeds: those runs are shared with it.
    const seeds = [at.seed, ...stabilitySeeds(at.seed, RUNS - 1)];
    const runs = { candidate: [] as EvaluationOutcome[], champion: [] as EvaluationOutcome[] };
    for (const seed of seeds) {
      for (const who of ["candidate", "champion"] as const) {
        runs[who].push((await evaluations.get(who, { ...at, seed })).outcome);
      }
    }
    const all = [...runs.candidate, ...runs.champion];
    const cpu = all.every((o) => typeof o.cpuMs === "number");
    const time = (o: EvaluationOutcome) => (cpu ? (o.cpuMs as number) : o.durationMs);
    const candidateMs = spreadOf(runs.candidate.map(time));
    const championMs = spreadOf(runs.champion.map(time));
    const slowdown = ratioAbove(candidateMs, championMs, CPU_FLOOR_MS);
    const candidatePeak = peaks(runs.candidate);
    const championPeak = peaks(runs.champion);
    const growth =
      candidatePeak && championPeak
        ? ratioAbove(candidatePeak, championPeak, MEMORY_FLOOR_BYTES)
        : null;
    const measure = cpu ? "cpu time" : "wall time";
    const evidence = {
      split: at.split,
      seeds,
      measure: cpu ? "cpu" : "wall: cpu time was not measured for every run",
      candidateMs,
      championMs,
      floorMs: CPU_FLOOR_MS,
      slowdown,
      maxSlowdown,
      candidatePeakBytes: candidatePeak,
      championPeakBytes: championPeak,
      memoryFloorBytes: MEMORY_FLOOR_BYTES,
      memoryGrowth: growth,
      maxMemoryGrowth,
      ...(growth === null ? { memory: "skipped: peak memory was not measured for every run" } : {}),
    };
    const timeSummary = `${measure} ${formatRatio(slowdown)} the champion's (median of ${RUNS}, max ${formatRatio(maxSlowdown)})`;
    const memory =
      growth === null
        ? "memory not measured, not checked"
        : `memory ${formatRatio(growth)} (max ${formatRatio(maxMemoryGrowth)})`;
    const failed = slowdown > maxSlowdown || (growth !== null && growth > maxMemoryGrowth);
    return { status: failed ? "fail" : "pass", summary: `${timeSummary}, ${memory}`, evidence };
  },
};
