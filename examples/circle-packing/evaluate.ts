/**
 * Scores a circle packing (trusted; Steward never edits this file).
 *
 * The candidate's `construct()` runs in the sandbox under the charter's call
 * timeout (the construction time limit) and returns 26 circles as [x, y, r].
 * It may return `{ circles, ...anything }` instead: only `circles` is read, so
 * a claimed sum or score is ignored (logged), never trusted.
 *
 * Checked with zero tolerance, in double precision:
 * - exactly 26 entries, each three numbers, all finite (NaN, Infinity → invalid);
 * - every radius >= 0 (negative → invalid);
 * - every circle inside the unit square: x - r >= 0, x + r <= 1, same for y;
 * - no two circles overlap: distance between centres - r_i - r_j >= 0.
 * `sum_radii` (the objective) is recomputed here; `min_gap` is the smallest of
 * all those gaps (wall and pair), reported also when the packing is invalid.
 *
 * There is no unseen data in a construction problem: every split scores the same.
 */
import { defineEvaluator, type EvalContext } from "steward";
import { CIRCLES, checkPacking } from "./lib/check.ts";

export default defineEvaluator({
  async evaluate(candidate, ctx: EvalContext) {
    const reply = await candidate.call<unknown>("construct");
    const check = checkPacking(reply, CIRCLES);
    for (const note of check.notes) ctx.log(note);
    if (!check.ok) return ctx.invalid(check.reason);
    ctx.log(`sum of radii ${check.sum.toFixed(10)}, smallest gap ${check.minGap}`);
    return {
      metrics: { sum_radii: check.sum, min_gap: check.minGap, circles: check.circles.length },
      artifacts: { circles: check.circles },
    };
  },
});
