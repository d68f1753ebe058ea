/**
 * The `namespace` level, for machines without bubblewrap: util-linux `unshare`
 * gives the candidate its own network (loopback only, down), pid, ipc, uts and
 * mount namespaces; a shell inside builds a fresh root the way bubblewrap does
 * (read-only /usr and named mounts, trusted folders masked, size-capped tmpfs
 * for /work and /dev/shm, a private /proc), pivots into it and drops to the
 * throwaway uid (as root) or to no capabilities at all (as a normal user,
 * inside a user namespace). The environment is emptied before the command.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PreparedSandbox, SandboxBackend, SandboxSpec } from "./backend.ts";
import { dropPrefix, isRoot, rlimitPrefix, SETPRIV, throwawayUid } from "./identity.ts";
import { foldersToMask, systemEntries } from "./system-view.ts";
import { writableUsage } from "./tmpfs-usage.ts";
import { unsharePath } from "./tool-paths.ts";

const WORK = "/work";
const DEVICES = ["null", "zero", "full", "random", "urandom"];
const CANDIDATE_ENV = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: WORK,
  // The real path, not the /tmp symlink: Node's permission model allows writes by path.
  TMPDIR: `${WORK}/.tmp`,
  LANG: "C.UTF-8",
};

export class NamespaceBackend implements SandboxBackend {
  readonly level = "namespace" as const;

  readonly #unshare: string;

  constructor(unshare = unsharePath()) {
    this.#unshare = unshare;
  }

  prepare(spec: SandboxSpec): PreparedSandbox {
    const root = isRoot();
    const uid = root ? throwawayUid() : null;
    // Only a mount point: the new root is a tmpfs mounted on it inside the namespace.
    const newRoot = fs.mkdtempSync(path.join(os.tmpdir(), "steward-root-"));
    const inside: Record<string, string> = {};
    for (const name of Object.keys(spec.mounts)) inside[name] = `/steward/${name}`;
    const script = setupScript(spec, newRoot, uid);
    const env = Object.entries(CANDIDATE_ENV).map(([k, v]) => `${k}=${v}`);
    const [file, ...limits] = rlimitPrefix(spec.limits, uid);
    const args = [
      ...limits,
      // unshare has no --die-with-parent: without a parent-death signal, an
      // evaluator killed at its hard limit would leave unshare and its whole pid
      // namespace running under init (seen with a candidate that ignores signals).
      // --kill-child then takes the namespace down with unshare.
      SETPRIV,
      "--pdeathsig",
      "KILL",
      "--",
      this.#unshare,
      ...(root ? [] : ["--user", "--map-root-user"]),
      "--net",
      "--pid",
      "--fork",
      "--kill-child",
      "--ipc",
      "--uts",
      "--mount",
      "--",
      "/bin/sh",
      "-c",
      script,
      "steward-sandbox",
      ...dropPrefix(uid),
      "/usr/bin/env",
      "-i",
      ...env,
      ...spec.command({ mounts: inside, workDir: WORK }),
    ];
    return {
      file: file as string,
      args,
      env: {},
      cwd: "/",
      uid,
      writtenBytes: (rootPid) => writableUsage(rootPid, [WORK, "/dev/shm"]),
      cleanup: () => fs.rmSync(newRoot, { recursive: true, force: true }),
    };
  }
}

/** The shell that builds the new root, inside the new namespaces, then execs "$@". */
function setupScript(spec: SandboxSpec, newRoot: string, uid: number | null): string {
  const r = (where: string) => q(path.join(newRoot, where));
  const size = spec.limits.maxWriteBytes;
  const lines = [
    "set -e",
    "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
    `mount -t tmpfs -o size=1m,mode=0755 steward-root ${q(newRoot)}`,
    `mkdir -p ${r("proc")} ${r("dev")} ${r(WORK)} ${r("etc")} ${r(".old")} ${r("steward")}`,
  ];
  const roBind = (source: string, target: string, file: boolean) => {
    lines.push(
      file ? `mkdir -p ${r(path.dirname(target))} && touch ${r(target)}` : `mkdir -p ${r(target)}`,
      // util-linux does the read-only remount of the bind itself (since 2.27).
      `mount -o bind,ro,nosuid,nodev ${q(source)} ${r(target)}`,
    );
  };
  const entries = systemEntries();
  for (const entry of entries) {
    if (entry.kind === "symlink") lines.push(`ln -s ${q(entry.target)} ${r(entry.link)}`);
    else roBind(entry.source, entry.target, entry.file);
  }
  for (const folder of foldersToMask(spec.hide ?? [], entries)) {
    lines.push(`mount -t tmpfs -o ro,size=4k,mode=0755 steward-mask ${r(folder)}`);
  }
  for (const [name, hostPath] of Object.entries(spec.mounts)) {
    roBind(hostPath, `/steward/${name}`, fs.statSync(hostPath).isFile());
  }
  lines.push(
    `mount -t tmpfs -o size=${size},mode=0755,nosuid,nodev steward-work ${r(WORK)}`,
    `mkdir ${r(`${WORK}/.tmp`)}`,
    ...(uid === null ? [] : [`chown ${uid}:${uid} ${r(WORK)} ${r(`${WORK}/.tmp`)}`]),
    `ln -s ${WORK}/.tmp ${r("tmp")}`,
    ...DEVICES.map((d) => `touch ${r(`dev/${d}`)} && mount --bind /dev/${d} ${r(`dev/${d}`)}`),
    `mkdir ${r("dev/shm")}`,
    `mount -t tmpfs -o size=${size},mode=1777,nosuid,nodev steward-shm ${r("dev/shm")}`,
    `ln -s /proc/self/fd ${r("dev/fd")}`,
    ...["stdin", "stdout", "stderr"].map((s, fd) => `ln -s /proc/self/fd/${fd} ${r(`dev/${s}`)}`),
    `mount -t proc -o nosuid,nodev,noexec proc ${r("proc")}`,
    `mount -o remount,bind,ro ${q(newRoot)}`,
    `cd ${q(newRoot)}`,
    "pivot_root . .old",
    "umount -l /.old",
    `cd ${WORK}`,
    'exec "$@"',
  );
  return lines.join("\n");
}

function q(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
