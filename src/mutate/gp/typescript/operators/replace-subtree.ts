/**
 * `replace-subtree`: replaces a number-valued expression by a random one built
 * from the numbers in scope there (depth 0: a single name or constant).
 */
import { printNode } from "../print.ts";
import { randomExpression } from "../random-expression.ts";
import { builderFor, excerpt, freeSites, pickOrNull, replaceSite } from "./common.ts";
import type { GpOperator } from "./operator.ts";

export const replaceSubtree: GpOperator = {
  name: "replace-subtree",
  effect: "neutral",
  apply(ctx) {
    const site = pickOrNull(ctx, freeSites(ctx.analysis));
    if (!site) return null;
    const builder = builderFor(ctx, site.scope);
    for (let tries = 0; tries < 3; tries++) {
      const replacement = randomExpression(builder, ctx.rng.pick([0, 1, 1, 2, 2, 3]));
      const edit = replaceSite(ctx, site, replacement);
      if (edit) {
        const before = excerpt(site.node.getText(ctx.analysis.sf));
        return {
          edits: [edit],
          note: `${before} -> ${excerpt(printNode(replacement, ctx.analysis.sf))}`,
        };
      }
    }
    return null;
  },
};
