/**
 * Verify gate: the candidate is re-scored in verify mode (the driver runs in the
 * evaluator process, every candidate call crosses the boundary) on the split
 * and seed of its search run. A candidate that patched what the driver relies
 * on (builtins, timers) scores differently, and is blocked as tampering.
 */

import { formatNumber } from "./format.ts";
import type { Gate } from "./gate.ts";

export const verifyGate: Gate = {
  name: "verify",
  enabled: (gates) => gates.verify.enabled,
  async run({ ctx, evaluations }) {
    const { tolerance } = ctx.charter.gates.verify;
    const search = evaluations.candidateSearch();
    const at = evaluations.atSeed("verify");
    const { score: verify } = await evaluations.get("candidate", at);
    const difference = Math.abs(verify - search);
    const evidence = { split: at.split, seed: at.seed, search, verify, difference, tolerance };
    const scores = `verify ${formatNumber(verify)} vs search ${formatNumber(search)}`;
    if (difference > tolerance) {
      return {
        status: "fail",
        summary: `${scores}: differ by ${formatNumber(difference)} > ${formatNumber(tolerance)}, the candidate may tamper with the evaluation`,
        evidence,
      };
    }
    return { status: "pass", summary: `${scores}: within ${formatNumber(tolerance)}`, evidence };
  },
};
