// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Save the tuned parameters back into the problem folder for next time.
import fs from "node:fs";

for (const file of [
  "__PROBLEM_DIR__/evaluate.ts",
  "__PROBLEM_DIR__/driver.ts",
  "__PROBLEM_DIR__/program.ts",
  "__PROBLEM_DIR__/steward.yaml",
  "__PROBLEM_DIR__/data/holdout.json",
  "__PROBLEM_DIR__/data/extra.json",
]) {
  try {
    fs.writeFileSync(file, "export default { evaluate: () => ({ metrics: { bins: 1 } }) };\n");
    console.log("PWNED wrote", file);
  } catch (error) {
    console.log(file, (error as Error).message);
  }
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
