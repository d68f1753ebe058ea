/**
 * Resource limits and, when Steward runs as root, a throwaway uid for the
 * candidate: a uid no other process has, so that RLIMIT_NPROC binds (it never
 * binds root), the candidate cannot read root-only files such as ~/.ssh, and
 * every process it leaves behind can be found by uid and killed.
 */

import { randomInt } from "node:crypto";
import fs from "node:fs";
import type { SandboxLimits } from "./limits.ts";

const PRLIMIT = "/usr/bin/prlimit";
export const SETPRIV = "/usr/bin/setpriv";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

export function hasLimitTools(): boolean {
  return fs.existsSync(PRLIMIT) && (!isRoot() || fs.existsSync(SETPRIV));
}

/** A uid in a range no distribution hands out, fresh per sandbox. */
export function throwawayUid(): number {
  return randomInt(1_000_000_000, 2_000_000_000);
}

/** Memory the process may map for data: the V8 heap plus room for Node itself. */
export function dataLimitBytes(limits: SandboxLimits): number {
  return (limits.memoryMb + 256) * 1024 * 1024;
}

/**
 * The command prefix that applies limits and drops to `uid` (when not null).
 * Threads count as processes on Linux, so a Node process needs about a dozen.
 */
export function limitPrefix(limits: SandboxLimits, uid: number | null): string[] {
  return [...rlimitPrefix(limits, uid), ...(uid === null ? [] : dropPrefix(uid))];
}

/** The resource limits alone (prlimit), for a backend that drops the uid later itself. */
export function rlimitPrefix(limits: SandboxLimits, uid: number | null): string[] {
  const nproc = uid === null ? countOwnTasks() + limits.maxProcesses : limits.maxProcesses;
  return [
    PRLIMIT,
    `--nproc=${nproc}`,
    `--fsize=${limits.maxWriteBytes}`,
    `--data=${dataLimitBytes(limits)}`,
    "--core=0",
    "--nofile=256",
    "--",
  ];
}

/**
 * Becomes `uid` with no capabilities and no way to gain any (setuid files do
 * nothing); with `uid` null, stays the same user but drops every capability,
 * which is what makes a user namespace's "root" harmless.
 */
export function dropPrefix(uid: number | null): string[] {
  const who =
    uid === null
      ? ["--bounding-set=-all", "--inh-caps=-all"]
      : [`--reuid=${uid}`, `--regid=${uid}`, "--clear-groups"];
  return [SETPRIV, ...who, "--no-new-privs", "--"];
}

/** Tasks (threads) of this uid right now: the base RLIMIT_NPROC counts from. */
function countOwnTasks(): number {
  const uid = process.getuid?.() ?? -1;
  let count = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      if (new RegExp(`^Uid:\\s+${uid}\\s`, "m").test(status)) {
        count += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}
