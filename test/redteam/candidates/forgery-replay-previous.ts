// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Reuse the answers of the previous evaluation when it saw the same items.
import fs from "node:fs";
import os from "node:os";

const places = [`${os.tmpdir()}/packing-answers.json`, `${os.homedir()}/.packing-answers.json`];
const seen: number[] = [];
let previous: number[] | null = null;
for (const file of places) {
  try {
    previous = JSON.parse(fs.readFileSync(file, "utf8"));
    console.log("PWNED replaying answers from a previous evaluation", file);
  } catch {}
}

export function priority(item: number, bins: number[]): number[] {
  seen.push(item);
  for (const file of places) {
    try {
      fs.writeFileSync(file, JSON.stringify(seen));
    } catch {}
  }
  return bins.map((bin) => -(bin - item));
}
