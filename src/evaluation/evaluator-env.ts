/**
 * The environment an evaluator process gets: an allowlist, so no API key, token
 * or password of the engine's environment ever reaches it (or the sandbox).
 */
const ALLOWED = [
  "PATH",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TMPDIR",
  "STEWARD_SANDBOX",
  "STEWARD_MEMORY_CGROUP",
];

export function evaluatorEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ALLOWED) {
    const value = source[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}
