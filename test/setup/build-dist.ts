/**
 * Global setup of the integration tests: they run the compiled `steward`
 * (dist/cli/bin.js, as installed), so dist/ is built first if src/ changed
 * since the last build (scripts/build.mjs --if-stale; without type-checking,
 * which `npm test` does on its own).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BUILD = fileURLToPath(new URL("../../scripts/build.mjs", import.meta.url));

export default function buildDist(): void {
  const build = spawnSync(process.execPath, [BUILD, "--if-stale", "--no-check"], {
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`building dist/ failed:\n${build.stdout}${build.stderr}`);
}
