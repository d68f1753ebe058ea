/**
 * `split`: makes a number-valued expression `e` piecewise: a kink
 * `test ? shifted(e) : e` (a test on a quantity of the program, a shift by a
 * constant or a fraction of a name; see thresholds.ts), or `y < c ? e : r`
 * with a random `r`. This is how smooth rules become rules with regimes, such
 * as bin packing's "leave no gap between 2 and 30".
 */
import type TypeScript from "typescript";
import { printNode } from "../print.ts";
import { type Builder, randomConditional, randomExpression } from "../random-expression.ts";
import { randomTest, shifted } from "../thresholds.ts";
import { ts } from "../typescript.ts";
import { builderFor, excerpt, freeSites, pickOrNull, replaceSite } from "./common.ts";
import type { GpOperator } from "./operator.ts";

type Expression = TypeScript.Expression;

function piecewise(e: Expression, b: Builder): Expression {
  if (b.rng.chance(0.25)) return randomConditional(b, e, randomExpression(b, 1));
  const f = ts().factory;
  const S = ts().SyntaxKind;
  const changed = shifted(b, e);
  const [whenTrue, whenFalse] = b.rng.chance(0.5) ? [changed, e] : [e, changed];
  return f.createConditionalExpression(
    randomTest(b),
    f.createToken(S.QuestionToken),
    whenTrue,
    f.createToken(S.ColonToken),
    whenFalse,
  );
}

export const split: GpOperator = {
  name: "split",
  effect: "grow",
  apply(ctx) {
    const site = pickOrNull(ctx, freeSites(ctx.analysis));
    if (!site) return null;
    const replacement = piecewise(site.node, builderFor(ctx, site.scope));
    const edit = replaceSite(ctx, site, replacement);
    if (!edit) return null;
    const before = excerpt(site.node.getText(ctx.analysis.sf));
    const after = excerpt(printNode(replacement, ctx.analysis.sf));
    return { edits: [edit], note: `${before} -> ${after}` };
  },
};
