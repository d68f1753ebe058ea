/**
 * `swap-operator`: replaces a binary operator by another of its class
 * (+ - * /; < <= > >=; === !==; == !=; && ||; += -= *= /=). Operators of
 * equal precedence swap in place; otherwise the expression is reprinted so the
 * tree keeps its shape (parentheses added where the new precedence needs them).
 */
import type TypeScript from "typescript";
import { replacementText } from "../print.ts";
import { ts } from "../typescript.ts";
import { excerpt, nodesInBlocks, pickOrNull } from "./common.ts";
import type { GpOperator } from "./operator.ts";

type BinaryOperator = TypeScript.BinaryOperator;

function classes(): BinaryOperator[][] {
  const S = ts().SyntaxKind;
  return [
    [S.PlusToken, S.MinusToken, S.AsteriskToken, S.SlashToken],
    [S.LessThanToken, S.LessThanEqualsToken, S.GreaterThanToken, S.GreaterThanEqualsToken],
    [S.EqualsEqualsEqualsToken, S.ExclamationEqualsEqualsToken],
    [S.EqualsEqualsToken, S.ExclamationEqualsToken],
    [S.AmpersandAmpersandToken, S.BarBarToken],
    [S.PlusEqualsToken, S.MinusEqualsToken, S.AsteriskEqualsToken, S.SlashEqualsToken],
  ];
}

/** Operators that bind equally tightly (a swap between them keeps the tree's shape). */
function samePrecedence(a: BinaryOperator, b: BinaryOperator): boolean {
  const S = ts().SyntaxKind;
  const groups: BinaryOperator[][] = [
    [S.PlusToken, S.MinusToken],
    [S.AsteriskToken, S.SlashToken],
  ];
  const logical = [S.AmpersandAmpersandToken, S.BarBarToken];
  if (logical.includes(a) || logical.includes(b)) return a === b;
  const g = groups.find((group) => group.includes(a));
  return g ? g.includes(b) : true;
}

export const swapOperator: GpOperator = {
  name: "swap-operator",
  effect: "neutral",
  apply(ctx) {
    const t = ts();
    const a = ctx.analysis;
    const numeric = new Set(a.exprs.map((s) => s.node));
    const all = classes();
    const classOf = (op: BinaryOperator) => all.find((c) => c.includes(op));
    const candidates = nodesInBlocks(a, t.isBinaryExpression).filter((b) => {
      const op = b.operatorToken.kind;
      // `+` may join strings: only numbers are safe to turn into - * /.
      if (op === t.SyntaxKind.PlusToken && !numeric.has(b)) return false;
      return classOf(op) !== undefined;
    });
    const node = pickOrNull(ctx, candidates);
    if (!node) return null;
    const op = node.operatorToken.kind;
    const next = ctx.rng.pick((classOf(op) ?? [op]).filter((o) => o !== op));
    const nextText = t.tokenToString(next) ?? "";
    const note = `${t.tokenToString(op)} -> ${nextText} in ${excerpt(node.getText(a.sf))}`;
    if (samePrecedence(op, next)) {
      const token = node.operatorToken;
      return { edits: [{ start: token.getStart(a.sf), end: token.end, text: nextText }], note };
    }
    const f = t.factory;
    const swapped = f.createBinaryExpression(node.left, next, node.right);
    const text = replacementText(node, swapped, a.sf);
    return { edits: [{ start: node.getStart(a.sf), end: node.end, text }], note };
  },
};
