/**
 * Weibull instances as in FunSearch: sizes Weibull(scale 45, shape 3), clipped
 * to 1..capacity and truncated to integers, capacity 100 (see README: the
 * published test set matches truncation, not rounding).
 */
import type { Instance } from "./instance.ts";
import { mulberry32 } from "./random.ts";

export interface WeibullSpec {
  /** Seed of the PRNG; the whole set is one stream, instances in order. */
  seed: number;
  instances: number;
  items: number;
  scale?: number;
  shape?: number;
  capacity?: number;
  /** Names are `${prefix}_0`, `${prefix}_1`, ... */
  prefix?: string;
}

/** Draws one size by inverse transform: scale * (-ln u)^(1/shape). */
export function weibullSize(u: number, scale: number, shape: number, capacity: number): number {
  const size = scale * (-Math.log(u)) ** (1 / shape);
  return Math.floor(Math.min(Math.max(size, 1), capacity));
}

export function weibullInstances(spec: WeibullSpec): Instance[] {
  const { scale = 45, shape = 3, capacity = 100, prefix = "weibull" } = spec;
  const random = mulberry32(spec.seed);
  const instances: Instance[] = [];
  for (let n = 0; n < spec.instances; n++) {
    const items = Array.from({ length: spec.items }, () =>
      weibullSize(random(), scale, shape, capacity),
    );
    instances.push({ name: `${prefix}_${n}`, capacity, items });
  }
  return instances;
}
