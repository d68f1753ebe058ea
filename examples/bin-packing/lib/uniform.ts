/**
 * Uniform instances like the OR-Library sets: integer sizes uniform in
 * min..max (both included), a fixed capacity (OR3: 20..100, capacity 150).
 */
import type { Instance } from "./instance.ts";
import { mulberry32 } from "./random.ts";

export interface UniformSpec {
  /** Seed of the PRNG; the whole set is one stream, instances in order. */
  seed: number;
  instances: number;
  items: number;
  min: number;
  max: number;
  capacity: number;
  /** Names are `${prefix}_0`, `${prefix}_1`, ... */
  prefix: string;
}

export function uniformInstances(spec: UniformSpec): Instance[] {
  const { min, max, capacity } = spec;
  if (
    !(Number.isInteger(min) && Number.isInteger(max) && 1 <= min && min <= max && max <= capacity)
  ) {
    throw new Error(
      `uniform sizes ${min}..${max} must be integers with 1 <= min <= max <= capacity ${capacity}`,
    );
  }
  const random = mulberry32(spec.seed);
  const span = max - min + 1;
  const instances: Instance[] = [];
  for (let n = 0; n < spec.instances; n++) {
    const items = Array.from({ length: spec.items }, () => min + Math.floor(random() * span));
    instances.push({ name: `${spec.prefix}_${n}`, capacity, items });
  }
  return instances;
}
