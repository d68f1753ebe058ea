/**
 * Parent selection over one island's elites.
 *
 * "weighted" follows ShinkaEvolve and DGM: each elite's fitness is centred on
 * the island's median and scaled by its spread, squashed by a sigmoid, and
 * divided by one plus its number of children,
 *
 *   s_i = sigmoid(lambda * (f_i - median) / spread)     w_i = s_i / (1 + children_i)
 *
 * then one is drawn with probability proportional to w_i. The spread is the
 * interquartile range (robust to one outlier, still graded across the middle
 * half), falling back to max - min, then 1 when all fitnesses are equal. The
 * fittest elite has s >= 0.5, so the weights never all vanish.
 * "hill-climbing" takes the fittest; "uniform" draws any elite equally.
 */
import type { Rng } from "../util/rng.ts";
import type { SelectionStrategy } from "./types.ts";

/** An island's elites as selection sees them, fittest first. */
export interface Candidates {
  readonly length: number;
  /** s_i of the i-th fittest (see `fitnessScores`). */
  score(index: number): number;
  children(index: number): number;
}

/** The index of the chosen candidate; there must be at least one. */
export function selectIndex(candidates: Candidates, strategy: SelectionStrategy, rng: Rng): number {
  switch (strategy) {
    case "hill-climbing":
      return 0;
    case "uniform":
      return rng.int(candidates.length);
    case "weighted": {
      const weights = new Float64Array(candidates.length);
      for (let i = 0; i < weights.length; i++) {
        weights[i] = candidates.score(i) / (1 + candidates.children(i));
      }
      return sampleIndex(weights, rng);
    }
  }
}

/**
 * s_i above for fitnesses sorted fittest first. It depends only on the
 * fitnesses, so a caller can keep it until the island's elites change.
 */
export function fitnessScores(fitness: readonly number[], sharpness: number): number[] {
  const sorted = [...fitness].reverse();
  const median = quantile(sorted, 0.5);
  const spread = positiveOr(
    quantile(sorted, 0.75) - quantile(sorted, 0.25),
    positiveOr((sorted.at(-1) ?? 0) - (sorted[0] ?? 0), 1),
  );
  return fitness.map((f) => sigmoid((sharpness * (f - median)) / spread));
}

/** An index drawn with probability proportional to its (non-negative) weight. */
export function sampleIndex(weights: ArrayLike<number>, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  let point = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i] as number;
    if (point < 0) return i;
  }
  // Rounding can leave a sliver past the last weight: take the last positive one.
  let last = weights.length - 1;
  while (last > 0 && !((weights[last] as number) > 0)) last--;
  return last;
}

/** Linear-interpolated quantile of ascending `sorted` values (0 for none). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const lower = sorted[low] as number;
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (at - low);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function positiveOr(value: number, fallback: number): number {
  return value > 0 && Number.isFinite(value) ? value : fallback;
}
