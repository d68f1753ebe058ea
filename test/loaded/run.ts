/**
 * `npm run test:loaded [-- --times N] [-- vitest args]`: the integration tests
 * while other work keeps every core busy, N times in a row (default 3).
 *
 * The suite was once seen failing on a fresh clone with another process busy:
 * tests that slept a fixed time, or compared a wall-clock duration with a
 * threshold, passed only on an idle machine. This script is the proof that
 * they no longer do. The hog is one spinning process per core, each ending by
 * itself after HOG_LIMIT_MS even if this script is killed, and stopped as soon
 * as the tests end.
 */
import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";

const HOG_LIMIT_MS = 45 * 60_000;

const { values, positionals } = parseArgs({
  options: { times: { type: "string", default: "3" } },
  allowPositionals: true,
});
const times = Number(values.times);
if (!Number.isInteger(times) || times < 1) {
  console.error(`--times must be a whole number of at least 1 (got ${values.times})`);
  process.exit(2);
}

function startHog(): ChildProcess[] {
  const spin = `const end = Date.now() + ${HOG_LIMIT_MS}; let x = 0; while (Date.now() < end) x = (x + 1) % 1e9;`;
  return Array.from({ length: os.availableParallelism() }, () =>
    spawn(process.execPath, ["-e", spin], { stdio: "ignore" }),
  );
}

function runIntegration(): Promise<number> {
  const args = ["vitest", "run", "--project", "integration", ...positionals];
  const child = spawn("npx", args, { stdio: "inherit" });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

const results: string[] = [];
let failed = 0;
for (let i = 1; i <= times; i++) {
  const hog = startHog();
  console.log(
    `\ntest:loaded: run ${i} of ${times}, ${hog.length} spinning process(es) keep every core busy`,
  );
  const started = performance.now();
  const code = await runIntegration();
  for (const p of hog) p.kill("SIGKILL");
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  results.push(`run ${i}: ${code === 0 ? "passed" : `failed (exit ${code})`} in ${seconds} s`);
  if (code !== 0) failed++;
}
console.log(`\ntest:loaded under a hog on every core:\n  ${results.join("\n  ")}`);
console.log(`${times - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
