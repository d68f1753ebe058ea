/**
 * The value of an expression made only of number literals, arithmetic,
 * comparisons, conditionals and `Math` (so `shrink` can replace `(4 + 0.5) / 2`
 * by `2.25`), or null when it uses anything else.
 */
import type TypeScript from "typescript";
import { ts } from "./typescript.ts";

type Expression = TypeScript.Expression;

type MathFunction = (...args: number[]) => number;

export function constantValue(node: Expression): number | null {
  const v = evaluate(node);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function evaluate(node: Expression): number | boolean | null {
  const t = ts();
  const S = t.SyntaxKind;
  if (t.isNumericLiteral(node)) return Number(node.text);
  if (t.isParenthesizedExpression(node)) return evaluate(node.expression);
  if (t.isPrefixUnaryExpression(node)) {
    const v = evaluate(node.operand);
    if (typeof v !== "number") return null;
    if (node.operator === S.MinusToken) return -v;
    return node.operator === S.PlusToken ? v : null;
  }
  if (t.isPropertyAccessExpression(node)) {
    const v = mathMember(node);
    return typeof v === "number" ? v : null;
  }
  if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression)) {
    const fn = mathMember(node.expression);
    if (typeof fn !== "function") return null;
    const args = node.arguments.map((a) => evaluate(a));
    if (!args.every((a): a is number => typeof a === "number")) return null;
    return fn(...args);
  }
  if (t.isConditionalExpression(node)) {
    const c = evaluate(node.condition);
    if (typeof c !== "boolean") return null;
    return evaluate(c ? node.whenTrue : node.whenFalse);
  }
  if (t.isBinaryExpression(node)) return binary(node);
  return null;
}

function binary(node: TypeScript.BinaryExpression): number | boolean | null {
  const S = ts().SyntaxKind;
  const l = evaluate(node.left);
  const r = evaluate(node.right);
  if (typeof l !== "number" || typeof r !== "number") return null;
  switch (node.operatorToken.kind) {
    case S.PlusToken:
      return l + r;
    case S.MinusToken:
      return l - r;
    case S.AsteriskToken:
      return l * r;
    case S.SlashToken:
      return l / r;
    case S.AsteriskAsteriskToken:
      return l ** r;
    case S.LessThanToken:
      return l < r;
    case S.LessThanEqualsToken:
      return l <= r;
    case S.GreaterThanToken:
      return l > r;
    case S.GreaterThanEqualsToken:
      return l >= r;
    default:
      return null;
  }
}

/** `Math.<name>` when it is a pure function or a constant (never `random`). */
function mathMember(node: TypeScript.PropertyAccessExpression): number | MathFunction | null {
  const t = ts();
  if (!t.isIdentifier(node.expression) || node.expression.text !== "Math") return null;
  const name = node.name.text;
  if (name === "random" || !Object.hasOwn(Math, name)) return null;
  const member = (Math as unknown as Record<string, unknown>)[name];
  if (typeof member === "number") return member;
  return typeof member === "function" ? (member as MathFunction) : null;
}
