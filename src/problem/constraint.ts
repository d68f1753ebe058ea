/**
 * Constraints as the charter writes them: `"<metric> <op> <number>"`, e.g.
 * `"time_ms <= 2000"`. A candidate that breaks one is not better, whatever its
 * objective says (the engine decides how; this file only reads them).
 */
import type { Constraint, ConstraintOp } from "./charter.ts";

/** Metric names: what an evaluator may put in `metrics` and a charter may name. */
export const METRIC_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
/** The whole constraint; also published in the JSON Schema so editors flag bad ones. */
export const CONSTRAINT_PATTERN = new RegExp(
  String.raw`^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(<=|>=|==|<|>)\s*(${NUMBER})\s*$`,
);

export const CONSTRAINT_EXPECTED =
  'a constraint "<metric> <op> <number>" with op one of <= < >= > == (e.g. "time_ms <= 2000")';

/** The constraint, or null when the text is not one (or its number is not finite). */
export function parseConstraint(text: string): Constraint | null {
  const match = CONSTRAINT_PATTERN.exec(text);
  if (!match) return null;
  const [, metric, op, number] = match;
  const value = Number(number);
  if (metric === undefined || op === undefined || !Number.isFinite(value)) return null;
  return { metric, op: op as ConstraintOp, value };
}

/** Whether a metric value satisfies a constraint. */
export function satisfies(value: number, constraint: Constraint): boolean {
  switch (constraint.op) {
    case "<=":
      return value <= constraint.value;
    case "<":
      return value < constraint.value;
    case ">=":
      return value >= constraint.value;
    case ">":
      return value > constraint.value;
    case "==":
      return value === constraint.value;
  }
}
