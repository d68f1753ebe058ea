/**
 * Guards for `insert-statement`: `if (<test>) return <value>;` and
 * `if (<test>) continue;`. A test compares a quantity of the program (one of
 * its small expressions, or a name) with a constant, or checks that it lies
 * between two constants; a returned value is often the function's own result
 * shifted by a constant. Together they turn a smooth rule into a piecewise one
 * ("leave no gap between 2 and 30: penalise it").
 */
import type TypeScript from "typescript";
import { type Builder, randomExpression } from "../random-expression.ts";
import { randomTest, shifted } from "../thresholds.ts";

type Expression = TypeScript.Expression;

export interface GuardOptions {
  /** The enclosing function returns numbers: a `return` guard fits. */
  returns: boolean;
  /** The function's result expression, when usable at the guard. */
  result: Expression | null;
  /** Inside a loop: a `continue` guard fits. */
  loop: boolean;
}

/** The value a return guard gives: the result shifted, or a random expression. */
function guardValue(b: Builder, result: Expression | null): Expression {
  if (result && b.rng.chance(0.6)) return shifted(b, result);
  return randomExpression(b, b.rng.pick([0, 0, 1]));
}

/** A guard statement as code, or null when none fits here. */
export function guardStatement(
  b: Builder,
  options: GuardOptions,
  print: (node: TypeScript.Node) => string,
): string | null {
  const kinds = [...(options.returns ? ["return"] : []), ...(options.loop ? ["continue"] : [])];
  if (kinds.length === 0) return null;
  const test = print(randomTest(b));
  if (b.rng.pick(kinds) === "continue") return `if (${test}) continue;`;
  return `if (${test}) return ${print(guardValue(b, options.result))};`;
}
