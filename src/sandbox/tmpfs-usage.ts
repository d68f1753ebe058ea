/**
 * Bytes a sandboxed candidate has written to its writable mounts (the work
 * folder and /dev/shm, both private tmpfs), seen from the host through a
 * sandboxed process's root: together they count against `max_write_bytes`.
 */
import fs from "node:fs";
import { descendants } from "./process-tree.ts";

const TMPFS_MAGIC = 0x01021994;

export function writableUsage(rootPid: number, mounts: readonly string[]): number | null {
  const ownNamespace = fs.readlinkSync("/proc/self/ns/mnt");
  for (const pid of descendants(rootPid)) {
    try {
      // Only a process inside the sandbox's mount namespace (and root) sees its mounts.
      if (fs.readlinkSync(`/proc/${pid}/ns/mnt`) === ownNamespace) continue;
      const total = usage(pid, mounts);
      if (total !== null) return total;
    } catch {
      // Not inside the namespace yet, or gone.
    }
  }
  return null;
}

function sameDevice(inside: string, host: string): boolean {
  const hostStat = fs.statSync(host, { throwIfNoEntry: false });
  return hostStat !== undefined && hostStat.dev === fs.statSync(inside).dev;
}

function usage(pid: number, mounts: readonly string[]): number | null {
  let total = 0;
  for (const mount of mounts) {
    const where = `/proc/${pid}/root${mount}`;
    const s = fs.statfsSync(where);
    // A host folder of the same name, seen before the sandbox's root is in place.
    if (s.type !== TMPFS_MAGIC || sameDevice(where, mount)) return null;
    total += (s.blocks - s.bfree) * s.bsize;
  }
  return total;
}
