/**
 * Confines an evaluator process. It is trusted code, but it parses frames and
 * output a candidate controls, so a bug there must not hand the candidate the
 * engine's powers: at the isolating sandbox levels it starts in its own network
 * namespace (no interfaces up: nothing to connect to) and its own mount
 * namespace in which every host mount is read-only (the problem folder, the
 * store, the approver and ledger keys included) except its own temp folder and
 * the kernel's /proc, /dev and cgroup mounts it needs to start and cap
 * candidate sandboxes. Needs root (mount namespaces); elsewhere the process
 * runs unconfined and every outcome says so.
 */
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
  if (level === "process" || !isRoot() || !fs.existsSync(UNSHARE)) {
    // Unconfined, it may as well share (and fill) the engine's cache directly.
    if (cache) fs.symlinkSync(cache.engine, cache.own);
  }
  if (level === "process") return { wrap: (command) => command, weakness: null };
  if (!isRoot() || !fs.existsSync(UNSHARE)) {
    return {
      wrap: (command) => command,
      weakness:
        "the evaluator process is not confined (network and host writes): that needs Steward to run as root",
    };
  }
  const script = [
    "set -e",
    ...readOnlyRemounts(),
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
    'exec "$@"',
  ].join("\n");
  return {
    wrap: (command) => [
      UNSHARE,
      "--net",
      "--mount",
      "--",
      "/bin/sh",
      "-c",
      script,
      "sh",
      ...command,
    ],
    weakness: null,
  };
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
 * namespace starts as a copy of it.
 */
function readOnlyRemounts(): string[] {
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
    out.push(`mount -o ${["remount", "bind", "ro", ...flags].join(",")} ${quote(where)}`);
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
