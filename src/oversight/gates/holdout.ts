/**
 * Holdout gate: candidate and champion are scored in verify mode on the holdout
 * split, which mutators never see. The candidate must beat the champion there
 * too, and, when `max_gap` is set, its holdout score must stay within that many
 * objective units of its search score.
 */
import { isBetter } from "../../evaluation/fitness.ts";
import { formatNumber } from "./format.ts";
import type { Gate } from "./gate.ts";

export const holdoutGate: Gate = {
  name: "holdout",
  enabled: (gates) => gates.holdout.enabled,
  async run({ ctx, evaluations }) {
    const { split, maxGap } = ctx.charter.gates.holdout;
    const search = evaluations.candidateSearch();
    const at = { mode: "verify" as const, split, seed: ctx.seed };
    const candidate = (await evaluations.get("candidate", at)).score;
    const champion = (await evaluations.get("champion", at)).score;
    const gap = Math.abs(candidate - search);
    const evidence = { split, seed: ctx.seed, candidate, champion, search, gap, maxGap };
    const scores = `on "${split}": candidate ${formatNumber(candidate)} vs champion ${formatNumber(champion)}`;
    if (!isBetter(candidate, champion, ctx.charter)) {
      return {
        status: "fail",
        summary: `${scores}: the gain does not carry over to unseen data`,
        evidence,
      };
    }
    if (maxGap !== null && gap > maxGap) {
      return {
        status: "fail",
        summary: `${scores}, but the candidate's holdout score is ${formatNumber(gap)} from its search score ${formatNumber(search)} (> ${formatNumber(maxGap)})`,
        evidence,
      };
    }
    const within =
      maxGap === null ? "" : `, ${formatNumber(gap)} from search (<= ${formatNumber(maxGap)})`;
    return { status: "pass", summary: `${scores}${within}`, evidence };
  },
};
