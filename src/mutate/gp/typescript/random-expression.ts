/**
 * The expression grammar of gp: random number-valued expressions over the
 * number names in scope, derived terminals of number arrays (`a.length` and the
 * last entry `a[a.length - 1]`, which in bin packing is the capacity), and
 * constants; built with arithmetic, `Math` functions and comparisons.
 */
import type TypeScript from "typescript";
import type { Rng } from "../../../util/rng.ts";
import { randomConstant } from "./constants.ts";
import { BUILD_UNARY_MATH } from "./math-functions.ts";
import { numberNode } from "./print.ts";
import { namesOfKind, type Scope } from "./scope.ts";
import { ts } from "./typescript.ts";

type Expression = TypeScript.Expression;

export interface Builder {
  rng: Rng;
  /** Makers of fresh terminal nodes (a node is never shared between two places). */
  terminals: (() => Expression)[];
  /**
   * The terminals that are sizes, for thresholds as fractions (`0.3 * cap`):
   * number names and last entries, not array lengths (a count is no scale for
   * a size, and a fraction of a size carries over to other capacities).
   */
  scales: (() => Expression)[];
  /** Constants of the program, reused as building blocks. */
  pool: readonly number[];
  /** Small number expressions of the program that are valid here, reused whole (e.g. `bin - item`). */
  parts: readonly Expression[];
}

export function builderAt(
  scope: Scope,
  rng: Rng,
  pool: readonly number[],
  parts: readonly Expression[] = [],
): Builder {
  const f = ts().factory;
  const terminals: (() => Expression)[] = [];
  const scales: (() => Expression)[] = [];
  for (const name of namesOfKind(scope, "number")) {
    const identifier = () => f.createIdentifier(name);
    terminals.push(identifier);
    scales.push(identifier);
  }
  for (const name of namesOfKind(scope, "numbers")) {
    const length = () => f.createPropertyAccessExpression(f.createIdentifier(name), "length");
    const last = () =>
      f.createElementAccessExpression(
        f.createIdentifier(name),
        f.createBinaryExpression(length(), ts().SyntaxKind.MinusToken, numberNode(1)),
      );
    terminals.push(length, last);
    scales.push(last);
  }
  return { rng, terminals, scales, pool, parts };
}

export function randomConstantNode(b: Builder): Expression {
  return numberNode(randomConstant(b.rng, b.pool));
}

export function randomTerminal(b: Builder): Expression {
  if (b.parts.length > 0 && b.rng.chance(0.15)) return b.rng.pick(b.parts);
  if (b.terminals.length > 0 && b.rng.chance(0.7)) return b.rng.pick(b.terminals)();
  return randomConstantNode(b);
}

/** A name or derived terminal when there is one (or, sometimes, a reused part), else a constant. */
export function randomName(b: Builder): Expression {
  if (b.parts.length > 0 && b.rng.chance(0.3)) return b.rng.pick(b.parts);
  return b.terminals.length > 0 ? b.rng.pick(b.terminals)() : randomConstantNode(b);
}

/** A quantity worth testing: one of the program's small expressions half the time, else a name. */
export function randomQuantity(b: Builder): Expression {
  return b.parts.length > 0 && b.rng.chance(0.5) ? b.rng.pick(b.parts) : randomName(b);
}

/** A random expression at most `depth` operators deep. */
export function randomExpression(b: Builder, depth: number): Expression {
  const { rng } = b;
  if (depth <= 0 || rng.chance(0.25)) return randomTerminal(b);
  const f = ts().factory;
  const S = ts().SyntaxKind;
  const sub = () => randomExpression(b, depth - 1);
  const r = rng.next();
  if (r < 0.5) {
    const op = rng.pick([S.PlusToken, S.MinusToken, S.AsteriskToken, S.SlashToken] as const);
    const right =
      op === S.SlashToken && rng.chance(0.5)
        ? f.createBinaryExpression(
            sub(),
            S.PlusToken,
            numberNode(Math.abs(randomConstant(rng, []))),
          )
        : sub();
    return f.createBinaryExpression(sub(), op, right);
  }
  if (r < 0.68) return mathCall(rng.pick(BUILD_UNARY_MATH), [sub()]);
  if (r < 0.78) {
    const fn = rng.pick(["min", "max", "pow"]);
    const second = fn === "pow" ? numberNode(rng.pick([2, 3, 0.5, -1, 1.5])) : sub();
    return mathCall(fn, [sub(), second]);
  }
  if (r < 0.84) return f.createPrefixUnaryExpression(S.MinusToken, sub());
  if (r < 0.92) {
    const e = sub();
    // The same node twice: synthesized nodes have no parent, and printing a DAG is fine.
    return f.createBinaryExpression(e, S.AsteriskToken, e);
  }
  return randomConditional(b, sub(), sub());
}

/** `a < b ? whenTrue : whenFalse` with a random comparison of names and constants. */
export function randomConditional(
  b: Builder,
  whenTrue: Expression,
  whenFalse: Expression,
): Expression {
  const f = ts().factory;
  const S = ts().SyntaxKind;
  const left = randomQuantity(b);
  const right = b.rng.chance(0.7) ? randomConstantNode(b) : randomExpression(b, 1);
  const op = b.rng.pick([S.LessThanToken, S.LessThanEqualsToken, S.GreaterThanToken] as const);
  return f.createConditionalExpression(
    f.createBinaryExpression(left, op, right),
    f.createToken(S.QuestionToken),
    whenTrue,
    f.createToken(S.ColonToken),
    whenFalse,
  );
}

export function mathCall(fn: string, args: Expression[]): Expression {
  const f = ts().factory;
  return f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier("Math"), fn),
    undefined,
    args,
  );
}
