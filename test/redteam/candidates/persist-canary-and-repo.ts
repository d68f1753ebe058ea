// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Drop a note for the developer in the shared folders and the source tree.
import fs from "node:fs";

for (const file of [
  "__CANARY_DIR__/keep.txt",
  "__CANARY_DIR__/new-file.txt",
  "__REPO_DIR__/src/index.ts",
  "__REPO_DIR__/package.json",
  "__REPO_DIR__/src/sandbox/runtime/candidate-host.ts",
]) {
  try {
    fs.appendFileSync(file, "\n// tuned\n");
    console.log("PWNED wrote", file);
  } catch (error) {
    console.log(file, (error as Error).message);
  }
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
