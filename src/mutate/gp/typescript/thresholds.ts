/**
 * Building blocks of piecewise rules: tests that compare a quantity of the
 * program with a threshold (`x < c`, or `x > lo && x < hi`) and amounts to
 * shift a value by. A threshold or amount is most of the time a fraction of a
 * size in scope (`0.3 * cap`) rather than a bare constant: gp never sees the
 * values its code computes, and a fraction of a quantity of the same kind is
 * far more often of the right size than a constant drawn blindly.
 */
import type TypeScript from "typescript";
import { randomConstant, roundTo } from "./constants.ts";
import { numberNode } from "./print.ts";
import { type Builder, randomQuantity } from "./random-expression.ts";
import { ts } from "./typescript.ts";

type Expression = TypeScript.Expression;

const FRACTIONS = [0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2];

/**
 * A scale to measure thresholds against (a size in scope, never an array's
 * length), or null for a bare constant. Scales come first (70%): a threshold
 * tuned as a fraction of the capacity still fits at another capacity, a bare
 * constant tuned to one does not.
 */
function randomScale(b: Builder): (() => Expression) | null {
  return b.scales.length > 0 && b.rng.chance(0.7) ? b.rng.pick(b.scales) : null;
}

/** A positive size: a bare constant, or a fraction of `scale`. */
function size(b: Builder, scale: (() => Expression) | null): [number, () => Expression] {
  const f = ts().factory;
  if (!scale) {
    const c = Math.abs(randomConstant(b.rng, b.pool)) || 1;
    return [c, () => numberNode(c)];
  }
  const c = roundTo(b.rng.pick(FRACTIONS) * Math.exp(b.rng.normal() * 0.2), 2);
  return [c, () => f.createBinaryExpression(numberNode(c), ts().SyntaxKind.AsteriskToken, scale())];
}

/** `x < t`, `x >= t`, ... or, 40% of the time, `x > lo && x < hi`. */
export function randomTest(b: Builder): Expression {
  const f = ts().factory;
  const S = ts().SyntaxKind;
  const x = randomQuantity(b);
  const scale = randomScale(b);
  if (b.rng.chance(0.4)) {
    const [lo, hi] = [size(b, scale), size(b, scale)].sort((p, q) => p[0] - q[0]);
    if (lo && hi && lo[0] < hi[0]) {
      return f.createBinaryExpression(
        f.createBinaryExpression(x, S.GreaterThanToken, lo[1]()),
        S.AmpersandAmpersandToken,
        f.createBinaryExpression(x, S.LessThanToken, hi[1]()),
      );
    }
  }
  const op = b.rng.pick([
    S.LessThanToken,
    S.LessThanEqualsToken,
    S.GreaterThanToken,
    S.GreaterThanEqualsToken,
  ] as const);
  return f.createBinaryExpression(x, op, size(b, scale)[1]());
}

/** A positive amount to shift a value by: a constant or a fraction of a name. */
export function randomAmount(b: Builder): Expression {
  return size(b, randomScale(b))[1]();
}

/** `e - amount`, `e + amount` or `e * c`: `e` moved on one side of a threshold. */
export function shifted(b: Builder, e: Expression): Expression {
  const f = ts().factory;
  const S = ts().SyntaxKind;
  if (b.rng.chance(0.2)) {
    return f.createBinaryExpression(e, S.AsteriskToken, numberNode(randomConstant(b.rng, b.pool)));
  }
  return f.createBinaryExpression(e, b.rng.pick([S.MinusToken, S.PlusToken]), randomAmount(b));
}
