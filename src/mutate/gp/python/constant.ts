/**
 * `constant`: a numeric literal inside a block changes. Floats move on a log
 * scale (a learning rate of 3e-3 becomes 2.1e-3 or 5.2e-3, never negative);
 * integers move by one or by a factor of two (layer sizes, batch sizes), and a
 * positive integer stays positive.
 */
import type { Rng } from "../../../util/rng.ts";
import { type PyOperator, replaceNode } from "./operator.ts";
import { nodesInBlocks } from "./syntax-tree.ts";

/** Decimal literals only: not hex, octal, binary or imaginary. */
const DECIMAL = /^(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?$/;

export const constant: PyOperator = {
  name: "constant",
  apply(ctx) {
    const sites = nodesInBlocks(ctx.source, ["integer", "float"]).filter(({ node }) =>
      DECIMAL.test(node.text),
    );
    if (sites.length === 0) return null;
    const { node } = ctx.rng.pick(sites);
    const value = Number(node.text.replaceAll("_", ""));
    if (!Number.isFinite(value)) return null;
    const next = node.type === "float" ? mutateFloat(value, ctx.rng) : mutateInt(value, ctx.rng);
    if (next === node.text) return null;
    return replaceNode(node, next, `constant ${node.text} -> ${next}`);
  },
};

export function mutateFloat(value: number, rng: Rng): string {
  const v = value === 0 ? rng.next() * 0.1 : value * Math.exp(0.5 * rng.normal());
  const text = String(Number(v.toPrecision(3)));
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function mutateInt(value: number, rng: Rng): string {
  let v: number;
  if (value >= 4 && rng.chance(0.5)) v = rng.chance(0.5) ? value * 2 : Math.round(value / 2);
  else v = value + (rng.chance(0.5) ? 1 : -1);
  return String(Math.max(value >= 1 ? 1 : 0, Math.round(v)));
}
