/**
 * Processes named so that a reused pid is not mistaken for them: the pid and its
 * start time (field 22 of /proc/PID/stat). Linux only.
 */
import fs from "node:fs";
import { descendants } from "../../src/sandbox/process-tree.ts";

export interface ProcessId {
  pid: number;
  start: string;
}

/** The live descendants of `pid` (not `pid` itself). */
export function descendantsOf(pid: number): ProcessId[] {
  return descendants(pid)
    .filter((p) => p !== pid)
    .flatMap((p) => {
      const stat = readStat(p);
      return stat && stat.state !== "Z" ? [{ pid: p, start: stat.start }] : [];
    });
}

/** Those of `processes` still running (zombies waiting for a reaper count as gone). */
export function aliveProcesses(processes: readonly ProcessId[]): ProcessId[] {
  return processes.filter((p) => {
    const stat = readStat(p.pid);
    return stat !== null && stat.start === p.start && stat.state !== "Z";
  });
}

function readStat(pid: number): { state: string; start: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ...": comm may hold spaces and parentheses, so split after the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", start: fields[19] ?? "" };
}
