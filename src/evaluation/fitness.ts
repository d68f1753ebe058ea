/**
 * From metrics to the one number the population ranks by: higher is better, so
 * a minimised objective is negated. A candidate that breaks a charter constraint
 * gets no fitness: it is recorded but never becomes a parent or the best.
 */

import type { Charter } from "../problem/charter.ts";
import { satisfies } from "../problem/constraint.ts";
import type { Metrics } from "./outcome.ts";

export function fitnessOf(metrics: Metrics | null, charter: Charter): number | null {
  if (!metrics) return null;
  const value = metrics[charter.objective.metric];
  if (value === undefined || !Number.isFinite(value)) return null;
  for (const constraint of charter.constraints) {
    const measured = metrics[constraint.metric];
    if (measured === undefined || !satisfies(measured, constraint)) return null;
  }
  return charter.objective.direction === "minimize" ? -value : value;
}

/** The objective value back from a fitness. */
export function objectiveOf(fitness: number, charter: Charter): number {
  return charter.objective.direction === "minimize" ? -fitness : fitness;
}

/** True when `a` is a strictly better objective value than `b`. */
export function isBetter(a: number, b: number, charter: Charter): boolean {
  return charter.objective.direction === "minimize" ? a < b : a > b;
}
