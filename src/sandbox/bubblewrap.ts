/**
 * The `bubblewrap` level: every namespace unshared (no network, own pids), an
 * empty environment, /usr and the named mounts read-only with trusted folders
 * inside them masked, size-capped tmpfs for /work and /dev/shm as the only
 * writable places, and resource limits plus a throwaway uid outside.
 */
import type { PreparedSandbox, SandboxBackend, SandboxSpec } from "./backend.ts";
import { isRoot, limitPrefix, throwawayUid } from "./identity.ts";
import { foldersToMask, type SystemEntry, systemEntries } from "./system-view.ts";
import { writableUsage } from "./tmpfs-usage.ts";
import { bwrapPath } from "./tool-paths.ts";

const WORK = "/work";

export class BubblewrapBackend implements SandboxBackend {
  readonly level = "bubblewrap" as const;

  readonly #bwrap: string;

  constructor(bwrap = bwrapPath()) {
    this.#bwrap = bwrap;
  }

  prepare(spec: SandboxSpec): PreparedSandbox {
    const uid = isRoot() ? throwawayUid() : null;
    const inside: Record<string, string> = {};
    const binds: string[] = [];
    for (const [name, hostPath] of Object.entries(spec.mounts)) {
      inside[name] = `/steward/${name}`;
      binds.push("--ro-bind", hostPath, inside[name]);
    }
    const [file, ...prefix] = limitPrefix(spec.limits, uid);
    const entries = systemEntries();
    const masks = foldersToMask(spec.hide ?? [], entries).flatMap((f) => ["--tmpfs", f]);
    const args = [
      ...prefix,
      this.#bwrap,
      "--unshare-all",
      "--die-with-parent",
      "--new-session",
      "--clearenv",
      "--cap-drop",
      "ALL",
      ...systemBinds(entries),
      // After the binds: empty mounts over trusted folders the binds would show.
      ...masks,
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      // --dev's own tmpfs has no size cap: a capped one for /dev/shm.
      "--size",
      String(spec.limits.maxWriteBytes),
      "--perms",
      "1777",
      "--tmpfs",
      "/dev/shm",
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
      writtenBytes: (rootPid) => writableUsage(rootPid, [WORK, "/dev/shm"]),
      cleanup: () => {},
    };
  }
}

/** Read-only system folders: /usr, the merged-/usr symlinks, the Node binary if elsewhere. */
function systemBinds(entries: SystemEntry[]): string[] {
  return entries.flatMap((e) =>
    e.kind === "symlink" ? ["--symlink", e.target, e.link] : ["--ro-bind", e.source, e.target],
  );
}
