/**
 * Resources gate: the candidate's verify-mode run may not take much longer, or
 * use much more memory, than the champion's run on the same split and seed.
 * Times under {@link TIME_FLOOR_MS} count as that floor, so the start-up noise
 * of a fast evaluation does not decide; a missing peak-memory sample skips the
 * memory check (the evidence says so).
 */

import { formatRatio } from "./format.ts";
import type { Gate } from "./gate.ts";

export const TIME_FLOOR_MS = 200;

/** Peak-memory ratio, or null when either side was not measured. */
function memoryGrowth(candidate: number | null, champion: number | null): number | null {
  if (candidate === null || champion === null || champion <= 0) return null;
  return candidate / champion;
}

export const resourcesGate: Gate = {
  name: "resources",
  enabled: () => true,
  async run({ ctx, evaluations }) {
    const { maxSlowdown, maxMemoryGrowth } = ctx.charter.gates.resources;
    const at = evaluations.atSeed("verify");
    const candidate = (await evaluations.get("candidate", at)).outcome;
    const champion = (await evaluations.get("champion", at)).outcome;
    const slowdown =
      Math.max(candidate.durationMs, TIME_FLOOR_MS) / Math.max(champion.durationMs, TIME_FLOOR_MS);
    const growth = memoryGrowth(candidate.peakMemoryBytes, champion.peakMemoryBytes);
    const evidence = {
      split: at.split,
      seed: at.seed,
      candidateMs: candidate.durationMs,
      championMs: champion.durationMs,
      timeFloorMs: TIME_FLOOR_MS,
      slowdown,
      maxSlowdown,
      candidatePeakBytes: candidate.peakMemoryBytes,
      championPeakBytes: champion.peakMemoryBytes,
      memoryGrowth: growth,
      maxMemoryGrowth,
      ...(growth === null ? { memory: "skipped: peak memory was not measured for both" } : {}),
    };
    const time = `time ${formatRatio(slowdown)} the champion's (max ${formatRatio(maxSlowdown)})`;
    const memory =
      growth === null
        ? "memory not measured, not checked"
        : `memory ${formatRatio(growth)} (max ${formatRatio(maxMemoryGrowth)})`;
    const failed = slowdown > maxSlowdown || (growth !== null && growth > maxMemoryGrowth);
    return { status: failed ? "fail" : "pass", summary: `${time}, ${memory}`, evidence };
  },
};
