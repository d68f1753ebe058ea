/**
 * Sandbox levels, strongest first.
 *
 * - `bubblewrap`: Linux namespaces (no network, own pid/ipc/uts/mount), an empty
 *   environment, only /usr and the candidate's files visible read-only (trusted
 *   folders inside them masked), size-capped private tmpfs for /work and /dev/shm,
 *   resource limits, and a throwaway uid when Steward runs as root; Node's
 *   permission model inside as a second belt.
 * - `namespace`: the same view built with util-linux `unshare` where bubblewrap is
 *   missing (as root, or as a normal user where unprivileged user namespaces work).
 * - `process`: a plain child process in its own process group with an empty
 *   environment, resource limits and Node's permission model. It does not block the
 *   network and sees the host file system where the permission model does not apply
 *   (non-JS candidates), so Steward uses it only when asked to (`sandbox: process`
 *   in the charter, `--sandbox process` or STEWARD_SANDBOX=process).
 */
export type SandboxLevel = "bubblewrap" | "namespace" | "process";

export const LEVELS_STRONGEST_FIRST: readonly SandboxLevel[] = [
  "bubblewrap",
  "namespace",
  "process",
];

/** Whether a level isolates: no network, no host files, own pids. */
export function isIsolating(level: SandboxLevel): boolean {
  return level !== "process";
}

/**
 * What a charter asks for: `any` (default) the strongest level available, the
 * `process` level only when the user opts in; `strict` an isolating level always,
 * even when the user opts in to `process`; `process` allows the `process` level.
 */
export type SandboxRequirement = "strict" | "any" | "process";

/** Whether evaluations may run at `level` under `requirement` (and the user's opt-in). */
export function meetsRequirement(
  level: SandboxLevel,
  requirement: SandboxRequirement,
  optedIntoProcess = false,
): boolean {
  if (isIsolating(level)) return true;
  if (requirement === "strict") return false;
  return requirement === "process" || optedIntoProcess;
}

/** What a level gives, for the first line of `steward run` and `steward eval`. */
export function describeLevel(level: SandboxLevel): string {
  return isIsolating(level)
    ? `${level} (no network, read-only system, private tmp)`
    : "process (WEAK: network open, host files readable)";
}
