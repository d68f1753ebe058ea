/**
 * `wrap`: puts a number-valued expression `e` inside a bigger one: `e * c`,
 * `e + c`, `e + c * y`, `e * y`, `e - y`, `e / (y + c)`, `-e`, `Math.f(e)`,
 * `Math.max(e, c)` or `Math.min(e, y)`. Its piecewise counterpart is `split`.
 */
import type TypeScript from "typescript";
import { BUILD_UNARY_MATH } from "../math-functions.ts";
import { printNode } from "../print.ts";
import { type Builder, mathCall, randomConstantNode, randomName } from "../random-expression.ts";
import { ts } from "../typescript.ts";
import { builderFor, excerpt, freeSites, pickOrNull, replaceSite } from "./common.ts";
import type { GpOperator } from "./operator.ts";

type Expression = TypeScript.Expression;

function wrapped(e: Expression, b: Builder): Expression {
  const f = ts().factory;
  const S = ts().SyntaxKind;
  const bin = (l: Expression, op: TypeScript.BinaryOperator, r: Expression) =>
    f.createBinaryExpression(l, op, r);
  const c = () => randomConstantNode(b);
  const y = () => randomName(b);
  switch (b.rng.int(10)) {
    case 0:
      return bin(e, S.AsteriskToken, c());
    case 1:
      return bin(e, S.PlusToken, c());
    case 2:
      return bin(e, b.rng.pick([S.PlusToken, S.MinusToken]), bin(c(), S.AsteriskToken, y()));
    case 3:
      return bin(e, S.AsteriskToken, y());
    case 4:
      return bin(e, S.MinusToken, y());
    case 5:
      return bin(e, S.SlashToken, bin(y(), S.PlusToken, c()));
    case 6:
      return f.createPrefixUnaryExpression(S.MinusToken, e);
    case 7:
      return mathCall(b.rng.pick(BUILD_UNARY_MATH), [e]);
    case 8:
      return mathCall("max", [e, c()]);
    default:
      return mathCall(b.rng.pick(["min", "max"]), [e, y()]);
  }
}

export const wrap: GpOperator = {
  name: "wrap",
  effect: "grow",
  apply(ctx) {
    const site = pickOrNull(ctx, freeSites(ctx.analysis));
    if (!site) return null;
    const builder = builderFor(ctx, site.scope);
    const replacement = wrapped(site.node, builder);
    const edit = replaceSite(ctx, site, replacement);
    if (!edit) return null;
    const before = excerpt(site.node.getText(ctx.analysis.sf));
    return {
      edits: [edit],
      note: `${before} -> ${excerpt(printNode(replacement, ctx.analysis.sf))}`,
    };
  },
};
