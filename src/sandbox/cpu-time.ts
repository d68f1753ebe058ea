/**
 * CPU time (user + system) of a process tree, read from /proc/<pid>/stat.
 * Unlike wall time it barely moves when other work shares the machine, which
 * is what the resources gate needs to compare a candidate with its champion.
 * Each process counts its own time plus that of the children it has reaped
 * (cutime, cstime), so work done by short-lived helpers is not lost once
 * their parent waits for them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

let ticksPerSecond: number | null = null;

/** Clock ticks per second of /proc's times (USER_HZ, 100 on nearly every Linux). */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime + cutime + cstime of one process in ticks, 0 when it is gone. */
function processTicks(pid: number): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return 0;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14-17 of stat(5); fields[0] is field 3 (state).
  return [11, 12, 13, 14].reduce((sum, i) => sum + (Number(fields[i]) || 0), 0);
}

/** CPU milliseconds used so far by `pids` (a tree, as `descendants` lists it). */
export function cpuTimeMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) ticks += processTicks(pid);
  return Math.round((ticks * 1000) / clockTicks());
}
