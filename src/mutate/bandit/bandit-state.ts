/**
 * What the mutator bandit persists across resume: per arm, its completed pulls
 * and their summed reward, squared reward and cost. Plain JSON, validated with
 * zod when restored, since it comes back from the store.
 */
import { z } from "zod";

const finite = z.number().refine(Number.isFinite, { error: "a finite number" });

export const armTotalsSchema = z.strictObject({
  pulls: z.int().min(0),
  reward: finite,
  rewardSquares: finite.min(0),
  cost: finite.min(0),
});

export const banditStateSchema = z.strictObject({
  version: z.literal(1),
  arms: z.record(z.string(), armTotalsSchema),
});

export type ArmTotals = z.infer<typeof armTotalsSchema>;
export type BanditState = z.infer<typeof banditStateSchema>;

export function emptyTotals(): ArmTotals {
  return { pulls: 0, reward: 0, rewardSquares: 0, cost: 0 };
}
