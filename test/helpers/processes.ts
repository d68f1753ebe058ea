import { createHash } from "node:crypto";
import fs from "node:fs";

/** Live (not zombie) pids whose real uid lies in [low, high). */
export function processesOfUidRange(low: number, high: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const zombie = /^State:\s+Z/m.test(status);
      if (uid >= low && uid < high && !zombie) out.push(Number(entry));
    } catch {
      // Gone.
    }
  }
  return out;
}

/** Sha-256 of every file under `dir`, by relative path, to prove nothing changed. */
export function snapshotFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = `${current}/${entry.name}`;
      if (entry.name === ".steward") continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        out.set(
          full.slice(dir.length),
          createHash("sha256").update(fs.readFileSync(full)).digest("hex"),
        );
    }
  };
  walk(dir);
  return out;
}
