/** `constant`: moves one numeric literal to a nearby value (see `perturb`). */
import { perturb } from "../constants.ts";
import { formatNumber, numberNode } from "../print.ts";
import { isLiteralUnit, literalValue, pickOrNull, replaceSite } from "./common.ts";
import type { GpOperator } from "./operator.ts";

export const constant: GpOperator = {
  name: "constant",
  effect: "neutral",
  apply(ctx) {
    const site = pickOrNull(ctx, ctx.analysis.exprs.filter(isLiteralUnit));
    const value = site ? literalValue(site.node) : null;
    if (!site || value === null) return null;
    for (let tries = 0; tries < 5; tries++) {
      const next = perturb(value, ctx.rng, site.integer);
      if (formatNumber(next) === formatNumber(value) && Math.sign(next) === Math.sign(value)) {
        continue;
      }
      const edit = replaceSite(ctx, site, numberNode(next));
      if (edit) return { edits: [edit], note: `${formatNumber(value)} -> ${formatNumber(next)}` };
    }
    return null;
  },
};
