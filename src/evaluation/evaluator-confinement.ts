/**
 * Confines an evaluator process. It is trusted code, but it parses frames and
 * output a candidate controls, so a bug there must not hand the candidate the
 * engine's powers: at the isolating sandbox levels it starts in its own network
 * namespace (no interfaces up: nothing to connect to) and its own mount
 * namespace in which every host mount is read-only (the problem folder, the
 * store, the approver and ledger keys included) except its own temp folder and
 * the kernel's /proc, /dev and cgroup mounts it needs to start and cap
 * candidate sandboxes.
 *
 * As root the namespaces are plain ones. As a normal user they belong to a new
 * user namespace in which the user is "root" just long enough to remount; the
 * evaluator itself then runs in a second, nested user namespace as the user's
 * own uid with no capabilities (so it starts bubblewrap and `unshare` exactly
 * as it would outside). Where neither works (user namespaces disabled, an old
 * util-linux) the process runs unconfined and every outcome says why.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isRoot } from "../sandbox/identity.ts";
import type { SandboxLevel } from "../sandbox/level.ts";

const UNSHARE = "/usr/bin/unshare";

/** Mounts left writable: what the kernel offers, not host files. */
const KEPT_WRITABLE = [/^\/proc(\/|$)/, /^\/dev$/, /^\/dev\/pts$/, /^\/sys\/fs\/cgroup(\/|$)/];

export interface Confinement {
  /** The command line that starts `command` confined (or as it is). */
  wrap(command: string[]): string[];
  /** Why it is not confined, for the outcome's warnings; null when it is. */
  weakness: string | null;
}

export function evaluatorConfinement(level: SandboxLevel, tmpDir: string): Confinement {
  const cache = transpileCache(tmpDir);
  const unconfined = level === "process" ? null : whyUnconfinable();
  if (level === "process" || unconfined !== null) {
    // Unconfined, it may as well share (and fill) the engine's cache directly.
    if (cache) fs.symlinkSync(cache.engine, cache.own);
  }
  if (level === "process") return { wrap: (command) => command, weakness: null };
  if (unconfined !== null) {
    return {
      wrap: (command) => command,
      weakness: `the evaluator process is not confined (network and host writes): ${unconfined}`,
    };
  }
  return { wrap: confinedCommand(tmpDir, cache), weakness: null };
}

function confinedCommand(
  tmpDir: string,
  cache: { engine: string; own: string } | null,
): (command: string[]) => string[] {
  const root = isRoot();
  const script = [
    "set -e",
    ...readOnlyRemounts(root),
    // Its own temp folder, writable again on top of the read-only mount below it.
    `mount --bind ${quote(tmpDir)} ${quote(tmpDir)}`,
    `mount -o remount,bind,rw ${quote(tmpDir)}`,
    // The engine's transpile cache, read-only: fast starts, and no way to plant
    // code that another evaluator would run.
    ...(cache
      ? [
          `mkdir ${quote(cache.own)}`,
          `mount --bind ${quote(cache.engine)} ${quote(cache.own)}`,
          `mount -o remount,bind,ro ${quote(cache.own)}`,
        ]
      : []),
    // The shell's own PWD is the only variable it would add to the empty environment.
    "unset PWD",
    root
      ? 'exec "$@"'
      : // Back to the user's own uid, every capability of the outer namespace gone.
        `exec ${UNSHARE} --user --map-user=${process.getuid?.()} --map-group=${process.getgid?.()} -- "$@"`,
  ].join("\n");
  const namespaces = root
    ? ["--net", "--mount"]
    : ["--user", "--map-root-user", "--net", "--mount"];
  return (command) => [UNSHARE, ...namespaces, "--", "/bin/sh", "-c", script, "sh", ...command];
}

/** For `steward doctor`: whether evaluator processes at `level` are confined here, and if not why. */
export function evaluatorConfinementStatus(level: SandboxLevel): {
  confined: boolean;
  why: string;
} {
  if (level === "process") return { confined: false, why: "not at the process level" };
  const why = whyUnconfinable();
  return why === null
    ? {
        confined: true,
        why: `no network, host read-only but its temp folder${isRoot() ? "" : " (in a user namespace)"}`,
      }
    : { confined: false, why };
}

let unconfinable: string | null | undefined;

/** Null when confinement works on this machine, else why not (tried once per process). */
function whyUnconfinable(): string | null {
  if (unconfinable === undefined) unconfinable = probeConfinement();
  return unconfinable;
}

/**
 * Confines `true` in a scratch folder: a kernel without user namespaces, a
 * mount that refuses to be remounted or an old `unshare` all show up here
 * instead of as an evaluator that cannot start.
 */
function probeConfinement(): string | null {
  if (!fs.existsSync(UNSHARE)) return `${UNSHARE} is missing (apt-get install util-linux)`;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "steward-confine-probe-"));
  try {
    const [file, ...args] = confinedCommand(scratch, null)(["/bin/true"]);
    const result = spawnSync(file as string, args, {
      env: {},
      cwd: scratch,
      encoding: "utf8",
      // Generous: on a loaded machine a slow probe must not leave evaluators unconfined.
      timeout: 60_000,
    });
    if (result.status === 0) return null;
    const said = (result.stderr || result.error?.message || `exit ${result.status}`)
      .trim()
      .split("\n")[0];
    return isRoot()
      ? `its namespaces could not be made (${said})`
      : `its namespaces could not be made as a normal user (${said}); enable user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run as root`;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * tsx keeps transpiled TypeScript in $TMPDIR/tsx-<uid>; the evaluator's TMPDIR
 * is its own empty folder, where a cold cache would cost seconds per start.
 */
function transpileCache(tmpDir: string): { engine: string; own: string } | null {
  const name = `tsx-${process.getuid?.() ?? 0}`;
  const engine = path.join(os.tmpdir(), name);
  return fs.existsSync(engine) ? { engine, own: path.join(tmpDir, name) } : null;
}

/**
 * One remount per host mount, keeping its own flags (nosuid, noexec...) since
 * a bind remount replaces them all. Read from our mount table: the new
 * namespace starts as a copy of it. A normal user may be unable to reach some
 * mount points (under /root, say): those it cannot reach it cannot write
 * through either, so only a mount it can reach must be remounted.
 */
function readOnlyRemounts(root: boolean): string[] {
  const lines = fs.readFileSync("/proc/self/mountinfo", "utf8").trim().split("\n");
  const out: string[] = [];
  for (const line of lines) {
    const fields = line.split(" ");
    const where = unescapeMountPath(fields[4] ?? "");
    if (!where.startsWith("/") || KEPT_WRITABLE.some((re) => re.test(where))) continue;
    const flags = (fields[5] ?? "")
      .split(",")
      .filter((f) =>
        ["nosuid", "nodev", "noexec", "noatime", "nodiratime", "relatime"].includes(f),
      );
    const remount = `mount -o ${["remount", "bind", "ro", ...flags].join(",")} ${quote(where)}`;
    out.push(root ? remount : `${remount} 2>/dev/null || ! [ -e ${quote(where)} ]`);
  }
  return out;
}

/** mountinfo writes space, tab, newline and backslash as octal escapes. */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
