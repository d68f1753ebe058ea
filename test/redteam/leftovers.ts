/**
 * Candidate processes (throwaway uids) still alive after a wave. Other people's
 * tests may run sandboxes on the same machine at the same time: a throwaway-uid
 * process is counted only if its first ancestor with a normal uid is this
 * process, one of its descendants, or init, or is itself an orphan (a launcher
 * such as `unshare` left under init when the evaluator above it was killed):
 * an orphan is a leak whoever made it.
 */
import fs from "node:fs";
import { sandboxUidRange } from "../../src/sandbox/identity.ts";
import { leftoverSandboxProcesses } from "../helpers/probe.ts";

export function ownLeftovers(): number[] {
  const { low, high } = sandboxUidRange();
  return leftoverSandboxProcesses().filter((pid) => {
    let current = pid;
    for (let depth = 0; depth < 64; depth++) {
      const status = readStatus(current);
      if (status === null) return false;
      if (status.uid < low || status.uid >= high)
        return current === 1 || status.ppid === 1 || isOurs(current);
      current = status.ppid;
    }
    return true;
  });
}

function isOurs(pid: number): boolean {
  let current = pid;
  for (let depth = 0; depth < 64 && current > 1; depth++) {
    if (current === process.pid) return true;
    const status = readStatus(current);
    if (status === null) return false;
    current = status.ppid;
  }
  return false;
}

function readStatus(pid: number): { uid: number; ppid: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      uid: Number(/^Uid:\s+(\d+)/m.exec(text)?.[1]),
      ppid: Number(/^PPid:\s+(\d+)/m.exec(text)?.[1]),
    };
  } catch {
    return null;
  }
}
