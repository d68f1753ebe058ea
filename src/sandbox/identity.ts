/**
 * Resource limits and, when Steward runs as root, a throwaway uid for the
 * candidate: a uid no other process has, so that RLIMIT_NPROC binds (it never
 * binds root), the candidate cannot read root-only files such as ~/.ssh, and
 * every process it leaves behind can be found by uid and killed.
 */

import { randomInt } from "node:crypto";
import fs from "node:fs";
import { StewardError } from "../errors.ts";
import type { SandboxLimits } from "./limits.ts";

const PRLIMIT = "/usr/bin/prlimit";
export const SETPRIV = "/usr/bin/setpriv";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

export function hasLimitTools(): boolean {
  return fs.existsSync(PRLIMIT) && (!isRoot() || fs.existsSync(SETPRIV));
}

/** Where throwaway uids are drawn from unless STEWARD_SANDBOX_UIDS says otherwise. */
export const DEFAULT_SANDBOX_UIDS = { low: 1_000_000_000, high: 2_000_000_000 } as const;
/** Kept below 2^31: bubblewrap reads uids as signed ints and fails above. */
const MAX_UID = 2_147_483_646;

/**
 * The range [low, high) throwaway uids come from. `STEWARD_SANDBOX_UIDS=LOW-HIGH`
 * moves it: two Steward instances (or test workers) on one machine can then
 * tell their candidates' processes apart, and an administrator can keep the
 * range clear of uids a directory service hands out.
 */
export function sandboxUidRange(env: NodeJS.ProcessEnv = process.env): {
  low: number;
  high: number;
} {
  const text = env.STEWARD_SANDBOX_UIDS;
  if (!text) return DEFAULT_SANDBOX_UIDS;
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  const low = Number(match?.[1]);
  const high = Number(match?.[2]);
  if (!match || low < 100_000 || high > MAX_UID + 1 || high - low < 1_000) {
    throw new StewardError(
      "usage",
      `STEWARD_SANDBOX_UIDS=${text} is not a usable uid range: write LOW-HIGH with 100000 <= LOW, LOW + 1000 <= HIGH <= ${MAX_UID + 1} (e.g. 2000000000-2010000000), or unset it for ${DEFAULT_SANDBOX_UIDS.low}-${DEFAULT_SANDBOX_UIDS.high}`,
    );
  }
  return { low, high };
}

/** A uid in a range no distribution hands out, fresh per sandbox. */
export function throwawayUid(): number {
  const { low, high } = sandboxUidRange();
  return randomInt(low, high);
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
