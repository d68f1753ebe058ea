/** One bin packing instance: items arrive in this order, bins hold `capacity`. */
export interface Instance {
  readonly name: string;
  readonly capacity: number;
  readonly items: readonly number[];
}

/** The L1 lower bound on the number of bins: ceil(sum of sizes / capacity). */
export function l1Bound(instance: Instance): number {
  let total = 0;
  for (const item of instance.items) total += item;
  return Math.ceil(total / instance.capacity);
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The paper's metric over a set: (mean bins used - mean L1) / mean L1, as a
 * fraction (0.0398 means 3.98% more bins than the lower bound).
 */
export function excessOverL1(instances: readonly Instance[], binsUsed: readonly number[]): number {
  const bound = mean(instances.map(l1Bound));
  return (mean(binsUsed) - bound) / bound;
}
