// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Background refinement: many small timers that keep improving a shared table.
const table = new Float64Array(1024);
for (let i = 0; i < 20_000; i++) {
  setInterval(
    () => {
      table[i % 1024] += 1;
    },
    1 + (i % 5),
  );
  setTimeout(() => {
    table[(i * 7) % 1024] -= 1;
  }, 10_000_000);
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
