// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// NaN for bins we never want, so the comparison always fails for them.
export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin, i) => (i === bins.length - 1 ? Number.NaN : -(bin - item)));
}
