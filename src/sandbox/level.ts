/**
 * Sandbox levels, strongest first.
 *
 * - `bubblewrap`: Linux namespaces (no network, own pid/ipc/uts/mount), an empty
 *   environment, only /usr and the candidate's files visible read-only, a size-capped
 *   private tmpfs as the working dir, resource limits, and a throwaway uid when
 *   Steward runs as root; Node's permission model inside as a second belt.
 * - `process`: a plain child process in its own process group with an empty
 *   environment, resource limits and Node's permission model. It does not block the
 *   network and sees the host file system where the permission model does not apply
 *   (non-JS candidates), so Steward warns loudly whenever it is used.
 */
export type SandboxLevel = "bubblewrap" | "process";

/** What a charter may demand: `strict` refuses to run below `bubblewrap`. */
export type SandboxRequirement = "strict" | "any";

export function meetsRequirement(level: SandboxLevel, requirement: SandboxRequirement): boolean {
  return requirement === "any" || level === "bubblewrap";
}
