/**
 * Implausible-gain gate: a gain over the champion larger than `factor` times the
 * largest improvement seen so far is more often a bug or an exploit than a
 * breakthrough. It never blocks: it flags the proposal, which then needs one
 * extra approval.
 */

import { formatNumber } from "./format.ts";
import type { Gate } from "./gate.ts";

export const implausibleGate: Gate = {
  name: "implausible",
  enabled: () => true,
  async run({ ctx, evaluations }) {
    const { factor } = ctx.charter.gates.implausible;
    const largest = ctx.largestImprovementSoFar;
    const candidate = evaluations.candidateSearch();
    const champion = await evaluations.championSearch();
    const sign = ctx.charter.objective.direction === "minimize" ? -1 : 1;
    const improvement = sign * (candidate - champion);
    const evidence = { candidate, champion, improvement, largestImprovementSoFar: largest, factor };
    const gain = `gain ${formatNumber(improvement)} over the champion`;
    if (largest === null) {
      return {
        status: "skipped",
        summary: `${gain}; no earlier improvement to compare it with`,
        evidence,
      };
    }
    const bound = `${formatNumber(factor)} x the largest so far (${formatNumber(largest)})`;
    return improvement > factor * largest
      ? { status: "flag", summary: `${gain} > ${bound}: needs an extra approval`, evidence }
      : { status: "pass", summary: `${gain} <= ${bound}`, evidence };
  },
};
