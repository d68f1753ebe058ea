/**
 * MAP-Elites cells: a member's cell is its bin on each feature dimension.
 * Values are clamped into the dimension's [min, max] and binned linearly, so
 * every number has a cell; a missing or NaN value takes the lowest bin and is
 * reported, so that one evaluation without a feature does not stop a run.
 */
import type { FeatureDimension } from "./types.ts";

/** The bin of `value` on `dimension`, in [0, bins). */
export function binOf(value: number, dimension: FeatureDimension): number {
  const { min, max, bins } = dimension;
  const clamped = Math.min(Math.max(value, min), max);
  return Math.min(Math.floor(((clamped - min) / (max - min)) * bins), bins - 1);
}

export interface CellPlace {
  /** The bins joined by "," ("" with no dimensions). */
  cell: string;
  /** Dimensions whose value was missing or NaN (placed in bin 0). */
  missing: string[];
}

/** The cell of a member with these feature values. */
export function cellOf(
  features: Readonly<Record<string, number>>,
  dimensions: readonly FeatureDimension[],
): CellPlace {
  const missing: string[] = [];
  const bins = dimensions.map((dimension) => {
    const value = features[dimension.name];
    if (value === undefined || Number.isNaN(value)) {
      missing.push(dimension.name);
      return 0;
    }
    return binOf(value, dimension);
  });
  return { cell: bins.join(","), missing };
}

/** Orders cell keys by their bins, numerically, first dimension first. */
export function compareCells(a: string, b: string): number {
  const as = a === "" ? [] : a.split(",").map(Number);
  const bs = b === "" ? [] : b.split(",").map(Number);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const d = (as[i] as number) - (bs[i] as number);
    if (d !== 0) return d;
  }
  return as.length - bs.length;
}
