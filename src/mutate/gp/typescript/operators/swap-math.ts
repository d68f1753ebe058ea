/** `swap-math`: replaces a `Math.f` call by another function of the same arity. */
import type TypeScript from "typescript";
import { BINARY_MATH, UNARY_MATH, VARIADIC_MATH } from "../math-functions.ts";
import { ts } from "../typescript.ts";
import { nodesInBlocks, pickOrNull } from "./common.ts";
import type { GpOperator } from "./operator.ts";

/** The functions a call of `fn` with `arity` arguments may become. */
function alternatives(fn: string, arity: number): readonly string[] {
  if (arity === 1 && UNARY_MATH.includes(fn)) return UNARY_MATH;
  if (arity === 2 && BINARY_MATH.includes(fn)) return BINARY_MATH;
  if (arity > 2 && VARIADIC_MATH.includes(fn)) return VARIADIC_MATH;
  return [];
}

function mathName(call: TypeScript.CallExpression): TypeScript.Identifier | null {
  const t = ts();
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee) || !t.isIdentifier(callee.expression)) return null;
  if (callee.expression.text !== "Math" || !t.isIdentifier(callee.name)) return null;
  return callee.name;
}

export const swapMath: GpOperator = {
  name: "swap-math",
  effect: "neutral",
  apply(ctx) {
    const a = ctx.analysis;
    const calls = nodesInBlocks(a, ts().isCallExpression).filter((call) => {
      const name = mathName(call);
      return name !== null && alternatives(name.text, call.arguments.length).length > 1;
    });
    const call = pickOrNull(ctx, calls);
    const name = call ? mathName(call) : null;
    if (!call || !name) return null;
    const options = alternatives(name.text, call.arguments.length).filter((f) => f !== name.text);
    const next = ctx.rng.pick(options);
    return {
      edits: [{ start: name.getStart(a.sf), end: name.end, text: next }],
      note: `Math.${name.text} -> Math.${next}`,
    };
  },
};
