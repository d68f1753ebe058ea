// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Verbose tracing of every decision.
export function priority(item: number, bins: number[]): number[] {
  const line = `item ${item} bins ${bins.join(",")} `.repeat(200);
  for (;;) console.log(line);
  return bins.map((bin) => -(bin - item));
}
