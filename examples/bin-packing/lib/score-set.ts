/**
 * Packs every instance of a set through the driver, verifies each assignment and
 * computes the set's metrics. A bad assignment ends the evaluation as invalid.
 */
import type { EvalContext } from "steward";
import { excessOverL1, type Instance, l1Bound } from "./instance.ts";
import { verifyAssignment } from "./verify.ts";

export interface InstanceScore {
  name: string;
  bins: number;
  l1: number;
}

export interface SetScore {
  /** (mean bins - mean L1) / mean L1, a fraction. */
  excess: number;
  /** Mean bins used per instance. */
  bins: number;
  instances: InstanceScore[];
}

export async function scoreSet(
  ctx: EvalContext,
  instances: readonly Instance[],
): Promise<SetScore> {
  const scores: InstanceScore[] = [];
  for (const instance of instances) {
    const assignment = await ctx.driver<unknown>("pack", instance.items, instance.capacity);
    const verdict = verifyAssignment(instance, assignment);
    if (!verdict.ok) ctx.invalid(`instance ${instance.name}: ${verdict.reason}`);
    scores.push({ name: instance.name, bins: verdict.bins, l1: l1Bound(instance) });
  }
  const binsUsed = scores.map((score) => score.bins);
  return {
    excess: excessOverL1(instances, binsUsed),
    bins: binsUsed.reduce((sum, bins) => sum + bins, 0) / binsUsed.length,
    instances: scores,
  };
}
