// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Recursive lookahead over future items.
function lookahead(depth: number, room: number): number {
  return depth < 0 ? room : lookahead(depth + 1, room - 1) + 1;
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item) + lookahead(0, bin) * 0);
}
