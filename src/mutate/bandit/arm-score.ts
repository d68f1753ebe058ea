/**
 * The bandit's index: UCB1-Tuned (Auer et al. 2002) on the improvement rate,
 * turned into improvement per unit cost.
 *
 *   score = rate / relCost + exploration * bonus / max(relCost, 1)
 *   bonus = sqrt(2 ln N / n * min(1/4, variance + sqrt(2 ln N / n)))
 *
 * - rate: reward per pull, smoothed by `priorPulls` pseudo-pulls at
 *   `priorReward` times the arm's weight over the mean weight, so a charter's
 *   weights matter before data arrive and fade as pulls accumulate.
 * - relCost: the arm's cost per pull (what `update` reported plus `baseCost`,
 *   the cost every candidate has: its evaluation) over the mean of all arms'.
 *   A free arm thus has a small, finite cost and wins only if it improves
 *   often enough for that price; the score does not depend on the currency.
 * - The bonus of an arm cheaper than average counts as if it cost the average:
 *   dividing it by a tiny cost would let a free arm that never improves win
 *   forever. An arm dearer than average explores less, in proportion.
 * - N is all pulls (in flight included), n this arm's; rewards are in [0, 1].
 */
import type { ArmTotals } from "./bandit-state.ts";

export interface ScoreOptions {
  baseCost: number;
  exploration: number;
  priorPulls: number;
  priorReward: number;
}

export interface ArmInput {
  weight: number;
  totals: ArmTotals;
  /** Pulls chosen but not yet updated (in flight). */
  pending: number;
}

export interface ArmScore {
  /** Smoothed reward per pull. */
  meanReward: number;
  /** Cost per pull, `baseCost` included. */
  meanCost: number;
  /** Reward per unit of cost. */
  efficiency: number;
  /** The index `choose` maximises. */
  score: number;
}

export function scoreArms(arms: readonly ArmInput[], options: ScoreOptions): ArmScore[] {
  const meanWeight = arms.reduce((s, a) => s + a.weight, 0) / Math.max(arms.length, 1);
  const pulled = arms.filter((a) => a.totals.pulls > 0);
  const costOf = (a: ArmInput) => options.baseCost + a.totals.cost / a.totals.pulls;
  const knownCost =
    pulled.length > 0
      ? pulled.reduce((s, a) => s + costOf(a), 0) / pulled.length
      : options.baseCost;
  const costs = arms.map((a) => (a.totals.pulls > 0 ? costOf(a) : knownCost));
  const meanCost = costs.reduce((s, c) => s + c, 0) / Math.max(costs.length, 1);
  const tries = arms.reduce((s, a) => s + a.totals.pulls + a.pending, 0);
  return arms.map((arm, i) => {
    const { pulls, reward } = arm.totals;
    const rate = options.priorReward * (arm.weight / meanWeight);
    const seen = pulls + options.priorPulls;
    const meanReward = seen > 0 ? (reward + options.priorPulls * rate) / seen : rate;
    const cost = costs[i] ?? knownCost;
    const relCost = cost / meanCost;
    const bonus = tunedBonus(arm, tries);
    return {
      meanReward,
      meanCost: cost,
      efficiency: meanReward / cost,
      score: meanReward / relCost + (options.exploration * bonus) / Math.max(relCost, 1),
    };
  });
}

/** UCB1-Tuned's exploration term; Infinity for an arm never pulled. */
function tunedBonus(arm: ArmInput, tries: number): number {
  const n = arm.totals.pulls + arm.pending;
  if (n === 0) return Number.POSITIVE_INFINITY;
  const { pulls, reward, rewardSquares } = arm.totals;
  const mean = pulls > 0 ? reward / pulls : 0;
  const variance = pulls > 0 ? Math.max(0, rewardSquares / pulls - mean * mean) : 0.25;
  const width = (2 * Math.log(Math.max(tries, 1))) / n;
  return Math.sqrt(width * Math.min(0.25, variance + Math.sqrt(width)));
}
