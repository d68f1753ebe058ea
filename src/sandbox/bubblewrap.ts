/**
 * The `bubblewrap` level: every namespace unshared (no network, own pids), an
 * empty environment, /usr and the named mounts read-only, a size-capped tmpfs
 * as the only writable place, and resource limits plus a throwaway uid outside.
 */
import fs from "node:fs";
import path from "node:path";
import type { PreparedSandbox, SandboxBackend, SandboxSpec } from "./backend.ts";
import { isRoot, limitPrefix, throwawayUid } from "./identity.ts";
import { descendants } from "./process-tree.ts";

export const BWRAP = "/usr/bin/bwrap";
const WORK = "/work";
const TMPFS_MAGIC = 0x01021994;

export class BubblewrapBackend implements SandboxBackend {
  readonly level = "bubblewrap" as const;

  prepare(spec: SandboxSpec): PreparedSandbox {
    const uid = isRoot() ? throwawayUid() : null;
    const inside: Record<string, string> = {};
    const binds: string[] = [];
    for (const [name, hostPath] of Object.entries(spec.mounts)) {
      inside[name] = `/steward/${name}`;
      binds.push("--ro-bind", hostPath, inside[name]);
    }
    const [file, ...prefix] = limitPrefix(spec.limits, uid);
    const args = [
      ...prefix,
      BWRAP,
      "--unshare-all",
      "--die-with-parent",
      "--new-session",
      "--clearenv",
      "--cap-drop",
      "ALL",
      ...systemBinds(),
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      "--size",
      String(spec.limits.maxWriteBytes),
      "--tmpfs",
      WORK,
      "--dir",
      `${WORK}/.tmp`,
      "--symlink",
      `${WORK}/.tmp`,
      "/tmp",
      ...binds,
      "--chdir",
      WORK,
      "--setenv",
      "PATH",
      "/usr/local/bin:/usr/bin:/bin",
      "--setenv",
      "HOME",
      WORK,
      // The real path, not the /tmp symlink: Node's permission model allows writes
      // under /work by path, so os.tmpdir() must name a path under it.
      "--setenv",
      "TMPDIR",
      `${WORK}/.tmp`,
      "--setenv",
      "LANG",
      "C.UTF-8",
      "--",
      ...spec.command({ mounts: inside, workDir: WORK }),
    ];
    return {
      file: file as string,
      args,
      env: {},
      cwd: "/",
      uid,
      writtenBytes: (rootPid) => tmpfsUsage(rootPid),
      cleanup: () => {},
    };
  }
}

/** Read-only system folders: /usr, the merged-/usr symlinks, and Node if elsewhere. */
function systemBinds(): string[] {
  const out = ["--ro-bind", "/usr", "/usr"];
  for (const dir of ["/bin", "/sbin", "/lib", "/lib64", "/lib32"]) {
    const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isSymbolicLink()) out.push("--symlink", fs.readlinkSync(dir), dir);
    else out.push("--ro-bind", dir, dir);
  }
  out.push("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache");
  const nodePrefix = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  if (!nodePrefix.startsWith("/usr")) out.push("--ro-bind", nodePrefix, nodePrefix);
  return out;
}

/** Bytes used on the sandbox's /work tmpfs, seen through a sandboxed process's root. */
function tmpfsUsage(rootPid: number): number | null {
  const ownNamespace = fs.readlinkSync("/proc/self/ns/mnt");
  for (const pid of descendants(rootPid)) {
    try {
      // Only a process inside the sandbox's mount namespace sees its /work.
      if (fs.readlinkSync(`/proc/${pid}/ns/mnt`) === ownNamespace) continue;
      const s = fs.statfsSync(`/proc/${pid}/root${WORK}`);
      if (s.type !== TMPFS_MAGIC) continue;
      return (s.blocks - s.bfree) * s.bsize;
    } catch {
      // Not inside the namespace yet, or gone.
    }
  }
  return null;
}
