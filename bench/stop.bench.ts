/**
 * `npm run bench:stop`: how fast `steward stop` and `steward stop --now` take
 * effect on a running engine, from the moment the stop command is started to
 * the run's exit. DESIGN promises both within a second; the integration tests
 * check only that they take effect (a busy machine may be slower), so the
 * timing goal is measured here, as numbers against the goal.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { percentile, table } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(root, "dist", "cli", "bin.js");
const SAMPLES = 3;
const GOAL_MS = 1_000;

function copy(name: string): { dir: string; remove(): void } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "steward-bench-stop-"));
  const dir = path.join(parent, name);
  fs.cpSync(path.join(root, "examples", name), dir, {
    recursive: true,
    filter: (s) => !s.includes(".steward"),
  });
  return { dir, remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

async function firstProgress(child: ChildProcess): Promise<void> {
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
      if (/evals [1-9]/.test(output)) resolve();
    });
    child.once("exit", () => reject(new Error(`the run ended before any progress:\n${output}`)));
  });
}

async function stopLatency(example: string, flags: string[]): Promise<number> {
  const problem = copy(example);
  try {
    const child = spawn(process.execPath, [BIN, "run", problem.dir, "--max-time", "5m"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    await firstProgress(child);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const asked = performance.now();
    const stop = spawnSync(process.execPath, [BIN, "stop", problem.dir, ...flags]);
    if (stop.status !== 0) throw new Error(`steward stop failed: ${stop.stderr}`);
    await exited;
    return performance.now() - asked;
  } finally {
    problem.remove();
  }
}

const rows = [["stop", "example", "samples", "median", "max", `goal ${GOAL_MS} ms`]];
for (const [label, example, flags] of [
  ["stop (graceful)", "symbolic-regression", []],
  ["stop --now", "bin-packing", ["--now"]],
] as const) {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) times.push(await stopLatency(example, [...flags]));
  const median = percentile(times, 50);
  rows.push([
    label,
    example,
    String(SAMPLES),
    `${median.toFixed(0)} ms`,
    `${Math.max(...times).toFixed(0)} ms`,
    median <= GOAL_MS ? "met" : `missed (${(median / GOAL_MS).toFixed(2)}x)`,
  ]);
}
console.log(`Stop latency, including the stop command's own start (node ${process.version}):\n`);
console.log(table(rows));
