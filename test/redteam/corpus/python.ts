/**
 * The Python corpus: attacks on the Python red-team problem (problems/pypack),
 * a command candidate with no Node permission model inside, so the sandbox
 * level is the only belt. Each attack prints PWNED (to stderr, which the outcome
 * keeps) for any step that got through; the runner's checks add no secret in
 * any outcome, no process left, guarded files unchanged and no listener
 * reached; the judges here look for what an attack leaves on the host.
 */
import fs from "node:fs";
import path from "node:path";
import { type Attack, type Check, HOLDOUT, SEARCH, VERIFY } from "../attack.ts";
import type { World } from "../world.ts";

const READS_HOST = "the process level shows the host's world-readable files";
const NETWORK = "the process level does not block the network or unix sockets";
const WRITES_HOST = "the process level writes the host's world-writable folders";

/** No process on the machine carries the attack's marker; any found is killed. */
function noMarkedProcess(_result: unknown, world: World): Check[] {
  const marker = world.placeholders.__MARKER__ as string;
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) found.push(+entry);
    } catch {}
  }
  for (const pid of found) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  return [
    {
      ok: found.length === 0,
      evidence: found.length === 0 ? "no marked process" : `DAEMON SURVIVED ${found.join(",")}`,
    },
  ];
}

/** Nothing carrying the attack's marker in the host's temp folders; any found is removed. */
function noMarkedHostFile(_result: unknown, world: World): Check[] {
  const marker = world.placeholders.__MARKER__ as string;
  const found: string[] = [];
  for (const dir of ["/tmp", "/var/tmp", "/dev/shm"]) {
    for (const name of fs.readdirSync(dir, { withFileTypes: false }) as string[]) {
      if (!name.includes(marker)) continue;
      const file = path.join(dir, name);
      found.push(file);
      fs.rmSync(file, { force: true });
    }
  }
  return [
    {
      ok: found.length === 0,
      evidence:
        found.length === 0 ? "host tmp clean" : `ON HOST ${found.length} file(s) ${found[0]}`,
    },
  ];
}

export const PYTHON_CORPUS: Attack[] = [
  {
    name: "escape-signal-evaluator",
    category: "escape",
    // Killing everything it may signal ends the sandbox one way or another; what
    // counts is that nothing outside it was reached (no PWNED, engine alive).
    expect: ["crashed", "invalid", "timeout", "ok"],
    unsafeUnlessIsolated: true,
  },
  {
    name: "escape-setuid-file",
    category: "escape",
    expect: ["ok"],
    judge: noMarkedHostFile,
    isolationOnly: WRITES_HOST,
  },
  { name: "secrets-env", category: "secrets", expect: ["ok"] },
  { name: "secrets-config-keys", category: "secrets", expect: ["ok"], isolationOnly: READS_HOST },
  { name: "secrets-store-db", category: "secrets", expect: ["ok"], isolationOnly: READS_HOST },
  {
    name: "secrets-holdout-data",
    category: "secrets",
    runs: [HOLDOUT],
    expect: ["ok"],
    isolationOnly: READS_HOST,
  },
  { name: "secrets-proc-environ", category: "secrets", runs: [HOLDOUT], expect: ["ok"] },
  {
    name: "secrets-proc-cmdline",
    category: "secrets",
    expect: ["ok"],
    isolationOnly: "the process level shares the host's process table",
  },
  { name: "network-localhost", category: "network", expect: ["ok"], isolationOnly: NETWORK },
  { name: "network-unix-socket", category: "network", expect: ["ok"], isolationOnly: NETWORK },
  { name: "resources-ctypes-pause", category: "resources", expect: ["timeout"] },
  { name: "resources-c-spin", category: "resources", expect: ["timeout"] },
  { name: "resources-memory-burst", category: "resources", expect: ["memory"] },
  // Stopped by max_processes or by the memory cap, whichever comes first.
  { name: "resources-fork-bomb", category: "resources", expect: ["ok", "crashed", "memory"] },
  {
    name: "resources-dev-shm",
    category: "resources",
    expect: ["ok", "output-limit", "memory"],
    judge: noMarkedHostFile,
    isolationOnly: WRITES_HOST,
  },
  {
    name: "forgery-fake-metrics",
    category: "forgery",
    runs: [SEARCH, VERIFY],
    expect: ["invalid"],
  },
  {
    name: "persist-setsid-daemon",
    category: "persistence",
    expect: ["ok"],
    judge: noMarkedProcess,
  },
  {
    name: "persist-host-tmp",
    category: "persistence",
    expect: ["ok"],
    judge: noMarkedHostFile,
    isolationOnly: WRITES_HOST,
  },
  { name: "persist-problem-files", category: "persistence", expect: ["ok"] },
];
