/**
 * Where the isolating levels' host tools live. `STEWARD_BWRAP` and
 * `STEWARD_UNSHARE` point elsewhere (a test hides a tool by naming a path that
 * does not exist, instead of uninstalling it).
 */

export function bwrapPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.STEWARD_BWRAP || "/usr/bin/bwrap";
}

export function unsharePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.STEWARD_UNSHARE || "/usr/bin/unshare";
}
