// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Memoise every state ever seen (it helps on repeated items).
const memo: number[][] = [];

export function priority(item: number, bins: number[]): number[] {
  for (;;) memo.push(new Array(100_000).fill(item));
  return bins.map((bin) => -(bin - item));
}
