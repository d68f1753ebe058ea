/**
 * A kernel memory limit for one sandbox: a child of the cgroup Steward runs in,
 * with a memory cap the kernel enforces on every allocation. Unlike sampling
 * resident memory, it cannot be outrun (a candidate that grabs gigabytes in a
 * few milliseconds is stopped at the cap) and cannot be stalled by a busy
 * event loop. cgroup v2 is used when our cgroup delegates the memory
 * controller, else cgroup v1's memory hierarchy; null when neither is
 * writable here (not root, or no memory controller), and the caller falls
 * back to rlimits and the resident-memory watchdog.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = "/sys/fs/cgroup";

export interface MemoryCgroup {
  /** "v1" or "v2", for reports. */
  readonly version: "v1" | "v2";
  /** Writing a pid here moves that process (and its future children) in. */
  readonly procsFile: string;
  /** Times the kernel killed a process in here for going over the cap. */
  oomKills(): number;
  /** Highest memory charged here so far (resident pages and tmpfs/page cache), when known. */
  peakBytes(): number;
  /** Removes the cgroup; false while processes are still in it. */
  remove(): boolean;
}

interface Hierarchy {
  version: "v1" | "v2";
  /** Our own cgroup's folder, where children are made. */
  dir: string;
}

let cached: Hierarchy | null | undefined;

/**
 * Makes a cgroup capped at `limitBytes` (no swap), or returns null when this
 * machine or user cannot. `STEWARD_MEMORY_CGROUP=off` turns it off (tests of
 * the fallback).
 */
export function createMemoryCgroup(limitBytes: number): MemoryCgroup | null {
  if (process.env.STEWARD_MEMORY_CGROUP === "off") return null;
  if (cached === undefined) cached = findHierarchy();
  if (cached === null) return null;
  const dir = path.join(cached.dir, `steward-${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    fs.mkdirSync(dir);
  } catch {
    cached = null; // Not writable here: stop trying for this process.
    return null;
  }
  try {
    return cached.version === "v2" ? openV2(dir, limitBytes) : openV1(dir, limitBytes);
  } catch {
    rmdirQuietly(dir);
    return null;
  }
}

function openV1(dir: string, limitBytes: number): MemoryCgroup {
  const limit = String(limitBytes);
  fs.writeFileSync(path.join(dir, "memory.limit_in_bytes"), limit);
  // memory+swap must be at least memory: set after it. Absent without swap accounting.
  writeIfPresent(path.join(dir, "memory.memsw.limit_in_bytes"), limit);
  return {
    version: "v1",
    procsFile: path.join(dir, "cgroup.procs"),
    oomKills: () => counter(path.join(dir, "memory.oom_control"), "oom_kill"),
    peakBytes: () => numberIn(path.join(dir, "memory.max_usage_in_bytes")),
    remove: () => rmdirQuietly(dir),
  };
}

function openV2(dir: string, limitBytes: number): MemoryCgroup {
  fs.writeFileSync(path.join(dir, "memory.max"), String(limitBytes));
  writeIfPresent(path.join(dir, "memory.swap.max"), "0");
  return {
    version: "v2",
    procsFile: path.join(dir, "cgroup.procs"),
    oomKills: () => counter(path.join(dir, "memory.events"), "oom_kill"),
    peakBytes: () => numberIn(path.join(dir, "memory.peak")),
    remove: () => rmdirQuietly(dir),
  };
}

/** Our cgroup in the hierarchy that has a memory controller we may use. */
function findHierarchy(): Hierarchy | null {
  let lines: string[];
  try {
    lines = fs.readFileSync("/proc/self/cgroup", "utf8").trim().split("\n");
  } catch {
    return null;
  }
  for (const line of lines) {
    const [, controllers, where] = line.split(":", 3) as [string, string, string];
    if (controllers === "" && where) {
      // v2 needs the memory controller delegated to our children.
      const dir = path.join(ROOT, where);
      const delegated = readQuietly(path.join(dir, "cgroup.subtree_control")).split(/\s+/);
      if (delegated.includes("memory") && isWritable(dir)) return { version: "v2", dir };
    }
  }
  for (const line of lines) {
    const [, controllers, where] = line.split(":", 3) as [string, string, string];
    if (controllers?.split(",").includes("memory") && where) {
      const dir = path.join(ROOT, "memory", where);
      if (fs.existsSync(path.join(dir, "memory.limit_in_bytes")) && isWritable(dir))
        return { version: "v1", dir };
    }
  }
  return null;
}

function isWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function writeIfPresent(file: string, value: string): void {
  if (fs.existsSync(file)) fs.writeFileSync(file, value);
}

function readQuietly(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function numberIn(file: string): number {
  const value = Number(readQuietly(file).trim());
  return Number.isFinite(value) ? value : 0;
}

/** A `name value` line of a flat-keyed cgroup file, 0 when absent. */
function counter(file: string, name: string): number {
  const match = new RegExp(`^${name} (\\d+)$`, "m").exec(readQuietly(file));
  return Number(match?.[1] ?? 0);
}

function rmdirQuietly(dir: string): boolean {
  try {
    fs.rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}
