/**
 * The environment an evaluator process gets: the same empty one a candidate
 * gets (a fixed PATH, its own temp folder as HOME and TMPDIR) plus where the
 * engine built the sandbox runtime, so no API key, token or password of the
 * engine's environment ever reaches it (or the sandbox). Nothing is copied
 * from the engine's environment but Steward's own test switch for the memory
 * cgroup.
 */
const PASSED = ["STEWARD_MEMORY_CGROUP"];

export function evaluatorEnv(
  tmpDir: string,
  runtimeDir: string,
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: tmpDir,
    TMPDIR: tmpDir,
    LANG: "C.UTF-8",
    STEWARD_RUNTIME_DIR: runtimeDir,
  };
  for (const key of PASSED) {
    const value = source[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}
