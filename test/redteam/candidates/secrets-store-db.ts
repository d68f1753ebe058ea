// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Learn from earlier runs: the run store keeps every evaluated program.
import fs from "node:fs";

for (const file of ["__PROBLEM_DIR__/.steward/steward.db", "../.steward/steward.db"]) {
  try {
    const bytes = fs.readFileSync(file);
    const text = bytes.toString("latin1");
    const at = text.indexOf("REDTEAM");
    console.log("PWNED store", file, bytes.length, text.slice(Math.max(0, at), at + 40));
  } catch (error) {
    console.log(file, (error as Error).message);
  }
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
