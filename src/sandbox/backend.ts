/**
 * The sandbox backend contract. A backend turns "run this command on these
 * read-only folders with these limits" into a host command line; `launch.ts`
 * does the rest (spawn, watch memory and writes, enforce time, kill the whole
 * tree) the same way for every backend. Three ship with Steward: bubblewrap,
 * namespace (util-linux `unshare`) and process; a new one passes the suite in
 * `backend-contract.test-kit.ts` with a two-line spec file
 * (test/sandbox/backend-contract.int.test.ts).
 *
 * What `level` promises is the contract (see level.ts and SECURITY.md):
 * - every level: an empty environment apart from PATH, HOME, TMPDIR and LANG;
 *   one writable working folder, size-capped; the system read-only; the limits
 *   of `SandboxLimits` applied to the whole process tree (processes, file
 *   size, data segment, no core dumps); as root, a throwaway uid from
 *   the range `STEWARD_SANDBOX_UIDS` sets (or the default), so leftovers can be
 *   found and killed by uid;
 * - the isolating levels (`bubblewrap`, `namespace`) also: no network but
 *   loopback of their own, their own pid, ipc and uts namespaces, the folders
 *   in `hide` masked wherever the system view would show them, and a capped
 *   `/dev/shm`.
 *
 * A backend must never:
 * - start a process in `prepare`: it only describes the command (and may make
 *   a working folder that `cleanup` removes), so nothing runs unwatched;
 * - pass the engine's or the evaluator's environment through (keys live there);
 * - claim a level whose promises it does not keep on this machine: `detect.ts`
 *   probes each level before choosing it, and an outcome records the level the
 *   sandbox reported, not the one asked for;
 * - show a folder in `hide`, or anything writable outside its working folder.
 *
 * `prepare` may throw only when it cannot create what it needs on the host
 * (the process level's working folder on a full disk); the evaluation then
 * fails with that error. A sandbox tool that refuses to start shows as the
 * launched process exiting at once, with its stderr kept, like any exit.
 */
import type { SandboxLevel } from "./level.ts";
import type { SandboxLimits } from "./limits.ts";

/** What to run: the same for every backend. */
export interface SandboxSpec {
  /** Host folders the candidate may read, by name (e.g. "lib", "candidate"); read-only inside. */
  mounts: Record<string, string>;
  /** Builds the command from where the mounts and the work dir appear inside. */
  command(view: SandboxView): string[];
  limits: SandboxLimits;
  /**
   * Host folders the candidate must never see (the problem folder, the store,
   * the config folder with the keys): the isolating levels mask any of them
   * that lies inside what they show, such as a problem folder in /usr/src.
   */
  hide?: string[];
}

/** Where things appear inside the sandbox, as `command` must name them. */
export interface SandboxView {
  /** Each mount's path inside, by the same names as `SandboxSpec.mounts`. */
  mounts: Record<string, string>;
  /** The private, writable, size-capped working folder. */
  workDir: string;
}

/** A described sandbox: what launch.ts spawns, and how to measure and clean up after it. */
export interface PreparedSandbox {
  /** Host command and arguments to spawn (limits prefix, the isolating tool, then the command). */
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** The uid the candidate runs as, when Steward could give it its own. */
  uid: number | null;
  /**
   * Bytes written by the candidate so far (its tmpfs or working folder), or
   * null if not measurable now (the sandbox already gone). Called often by the
   * write watchdog: it must be cheap and must not throw.
   */
  writtenBytes(rootPid: number): number | null;
  /**
   * Removes whatever the backend created on the host (a working folder, a
   * cgroup). Called once, after the whole tree has exited; must not throw.
   */
  cleanup(): void;
}

export interface SandboxBackend {
  /** The isolation this backend gives; its promises are listed above. */
  readonly level: SandboxLevel;
  /** Describes the sandbox for `spec` without starting anything. */
  prepare(spec: SandboxSpec): PreparedSandbox;
}
