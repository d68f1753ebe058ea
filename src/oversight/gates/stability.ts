/**
 * Stability gate: the candidate is re-run in verify mode with fresh seeds, and
 * its score over the search run and the re-runs must not spread by more than
 * `max_relative_spread` of its mean: a gain that depends on luck is no gain.
 *
 * The gate can only fail if the evaluator uses `ctx.seed`. When every re-run
 * of the candidate gives the identical score, the champion is re-run on the
 * same seeds; identical there too means the evaluator most likely ignores the
 * seed, and the result carries a warning that reaches the proposal.
 */

import { formatNumber } from "./format.ts";
import type { Gate, GateEvaluations } from "./gate.ts";

/** `runs` seeds derived from the search seed, distinct from it and from each other. */
export function stabilitySeeds(seed: number, runs: number): number[] {
  const seeds: number[] = [];
  for (let i = 1; i <= runs; i++) seeds.push((seed + Math.imul(i, 0x9e3779b9)) >>> 0);
  return seeds;
}

/** (max - min) / |mean|; 0 when all are equal, null when the mean is 0 but they are not. */
export function relativeSpread(scores: number[]): number | null {
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  if (max === min) return 0;
  const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;
  return mean === 0 ? null : (max - min) / Math.abs(mean);
}

export const stabilityGate: Gate = {
  name: "stability",
  enabled: (gates) => gates.stability.runs > 0,
  async run({ ctx, evaluations }) {
    const { runs, maxRelativeSpread } = ctx.charter.gates.stability;
    const search = evaluations.candidateSearch();
    const { split } = evaluations.atSeed("verify");
    const seeds = stabilitySeeds(ctx.seed, runs);
    const reruns: number[] = [];
    for (const seed of seeds) {
      reruns.push((await evaluations.get("candidate", { mode: "verify", split, seed })).score);
    }
    const scores = [search, ...reruns];
    const spread = relativeSpread(scores);
    const evidence = {
      split,
      seeds,
      search,
      reruns,
      min: Math.min(...scores),
      max: Math.max(...scores),
      relativeSpread: spread,
      maxRelativeSpread,
    };
    const warnings = (await ignoresSeed(evaluations, search, reruns, split, seeds))
      ? [
          `every stability re-run gave the identical score for both the candidate and the champion (seeds ${seeds.join(", ")}): the evaluator seems to ignore ctx.seed, so this gate could not have failed; draw fresh instances from ctx.seed for re-runs`,
        ]
      : [];
    const over = `${runs} re-run(s) with fresh seeds`;
    if (spread === null) {
      return {
        status: "fail",
        summary: `${over}: scores differ around a mean of 0 (${scores.map(formatNumber).join(", ")})`,
        evidence,
      };
    }
    const measured = `${over}: relative spread ${formatNumber(spread)}`;
    return spread > maxRelativeSpread
      ? {
          status: "fail",
          summary: `${measured} > ${formatNumber(maxRelativeSpread)}, the score depends on luck`,
          evidence,
        }
      : {
          status: "pass",
          summary: `${measured} <= ${formatNumber(maxRelativeSpread)}`,
          evidence,
          warnings,
        };
  },
};

/** True when the candidate's and the champion's scores do not move with the seed. */
async function ignoresSeed(
  evaluations: GateEvaluations,
  search: number,
  reruns: number[],
  split: string,
  seeds: number[],
): Promise<boolean> {
  if (reruns.some((score) => score !== search)) return false;
  const base = (await evaluations.get("champion", evaluations.atSeed("verify"))).score;
  for (const seed of seeds) {
    const { score } = await evaluations.get("champion", { mode: "verify", split, seed });
    if (score !== base) return false;
  }
  return true;
}
