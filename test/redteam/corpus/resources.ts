/** Resources: CPU, memory, processes, disk, output, timers, promises that never settle. */
import type { Attack, AttackResult, Check } from "../attack.ts";

/** Output kept in the outcome stays bounded, whatever was printed. */
function outputBounded(result: AttackResult): Check[] {
  const kept = Math.max(...result.outcomes.map((o) => o.stdout.length + o.stderr.length));
  return [{ ok: kept <= 128 * 1024, evidence: `${Math.round(kept / 1024)} KiB kept` }];
}

export const RESOURCES: Attack[] = [
  { name: "resources-cpu-spin", category: "resources", expect: ["timeout"] },
  { name: "resources-spin-at-load", category: "resources", expect: ["timeout"] },
  { name: "resources-heap", category: "resources", expect: ["memory"] },
  { name: "resources-buffers", category: "resources", expect: ["memory"] },
  { name: "resources-fork-bomb", category: "resources", expect: ["crashed"] },
  { name: "resources-disk-fill", category: "resources", expect: ["output-limit"] },
  {
    name: "resources-stdout-flood",
    category: "resources",
    expect: ["output-limit"],
    judge: outputBounded,
  },
  { name: "resources-timers", category: "resources", expect: ["ok"] },
  { name: "resources-never-resolves", category: "resources", expect: ["timeout"] },
  { name: "resources-microtask-loop", category: "resources", expect: ["timeout", "memory"] },
  { name: "resources-deep-recursion", category: "resources", expect: ["crashed"] },
  { name: "resources-huge-reply", category: "resources", expect: ["crashed", "memory"] },
];
