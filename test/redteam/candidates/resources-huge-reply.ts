// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Return extra diagnostic scores alongside each bin.
export function priority(item: number, bins: number[]): number[] {
  const scores = new Array<number>(8_000_000).fill(0);
  bins.forEach((bin, i) => {
    scores[i] = -(bin - item);
  });
  return scores;
}
