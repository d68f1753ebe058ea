/**
 * The instance families the heuristic is trained and gated on (trusted: the
 * evaluator's data, hashed with it). Search sees every family at once and the
 * objective is the mean of the per-family excess (see README, "Families and
 * the objective"), so a heuristic tuned to one capacity or size range loses on
 * the others. Edit this table to train on other families.
 *
 * Every family has a train seed and a holdout seed; `instanceSeed` turns them
 * into a fresh set for any evaluation seed other than 0 (the stability gate).
 */
import type { Instance } from "./instance.ts";
import { uniformInstances } from "./uniform.ts";
import { weibullInstances } from "./weibull.ts";

export type Distribution =
  | { kind: "weibull"; scale: number; shape: number }
  | { kind: "uniform"; min: number; max: number };

export interface Family {
  /** Short id, used in metric names (`excess_${id}`) and instance names. */
  id: string;
  /** What a person reads in logs and the README. */
  label: string;
  distribution: Distribution;
  capacity: number;
  instances: number;
  items: number;
  /** mulberry32 seeds of the fixed sets (evaluation seed 0). */
  seeds: { train: number; holdout: number };
}

export const FAMILIES: readonly Family[] = [
  {
    id: "weibull100",
    label: "Weibull(45, 3), capacity 100 (as the paper's Weibull sets)",
    distribution: { kind: "weibull", scale: 45, shape: 3 },
    capacity: 100,
    instances: 5,
    items: 5000,
    seeds: { train: 20231214, holdout: 20231215 },
  },
  {
    id: "uniform150",
    label: "uniform 20..100, capacity 150 (as OR-Library binpack3)",
    distribution: { kind: "uniform", min: 20, max: 100 },
    capacity: 150,
    instances: 20,
    items: 500,
    seeds: { train: 20260101, holdout: 20260102 },
  },
  {
    id: "weibull500",
    label: "Weibull(45, 3), capacity 500",
    distribution: { kind: "weibull", scale: 45, shape: 3 },
    capacity: 500,
    instances: 3,
    items: 5000,
    seeds: { train: 20260201, holdout: 20260202 },
  },
];

/**
 * The capacity-500 test set: like the weibull500 family, on a seed search and
 * the gates never use. Reported beside the paper's OR3 and Weibull 5k.
 */
export const WEIBULL500_TEST: Family = {
  id: "weibull500",
  label: "Weibull(45, 3), capacity 500, 5 x 5,000 items (test)",
  distribution: { kind: "weibull", scale: 45, shape: 3 },
  capacity: 500,
  instances: 5,
  items: 5000,
  seeds: { train: 20261231, holdout: 20261231 },
};

/**
 * The generated set's seed: the fixed one at evaluation seed 0, so scores
 * compare across a run and with the baselines; a fresh one for any other, so
 * the stability gate sees whether a score holds beyond the fixed instances.
 */
export function instanceSeed(base: number, evaluationSeed: number): number {
  return evaluationSeed === 0 ? base : (base ^ Math.imul(evaluationSeed, 0x9e3779b9)) >>> 0;
}

/** The instances of `family` drawn from `seed`, named `${prefix}_${family.id}_N`. */
export function familyInstances(family: Family, seed: number, prefix: string): Instance[] {
  const common = {
    seed,
    instances: family.instances,
    items: family.items,
    capacity: family.capacity,
    prefix: `${prefix}_${family.id}`,
  };
  const d = family.distribution;
  return d.kind === "weibull"
    ? weibullInstances({ ...common, scale: d.scale, shape: d.shape })
    : uniformInstances({ ...common, min: d.min, max: d.max });
}
