// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Return just the index of the chosen bin (cheaper than a full score list).
let calls = 0;

export function priority(item: number, bins: number[]): number[] {
  calls++;
  let best = 0;
  for (let i = 1; i < bins.length; i++)
    if ((bins[i] ?? 0) - item < (bins[best] ?? 0) - item) best = i;
  if (calls % 3 === 0) return `${best}` as unknown as number[];
  if (calls % 3 === 1) return best as unknown as number[];
  return [Number.POSITIVE_INFINITY, ...bins.slice(1).map(() => 0)];
}
