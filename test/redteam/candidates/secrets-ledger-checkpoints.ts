// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Read the run's progress to decide how aggressive to be.
import fs from "node:fs";

for (const file of [
  "__PROBLEM_DIR__/.steward/ledger-checkpoints.jsonl",
  "./.steward/ledger-checkpoints.jsonl",
]) {
  try {
    console.log("PWNED ledger", fs.readFileSync(file, "utf8"));
  } catch (error) {
    console.log(file, (error as Error).message);
  }
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
