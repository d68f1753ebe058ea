/**
 * `tsx bench/pin.bench.ts` (part of `npm run bench`): what the charter pin
 * costs. A run checks the pin twice per evaluation (before it starts and when
 * it is acknowledged) and before and after each gate run. Measured on a copy
 * of the bin-packing example (11 pinned files: charter, evaluator, driver, the
 * six lib/ modules they import, data/) and on a problem whose data/ holds 1,000
 * files of 4 KB:
 * - cold: a new watcher, every file read and hashed, imports parsed (what a
 *   run's start and `steward charter accept` pay);
 * - warm: nothing changed since the last check (files older than the racy
 *   margin), so only metadata is read: the per-evaluation cost.
 * Wall time (median, p95) and CPU time (median: steadier on a busy machine)
 * are printed; nothing here is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateProgram } from "../src/evaluation/evaluate-program.ts";
import { PinWatcher } from "../src/oversight/charter-pin.ts";
import { FileHashes, RACY_MARGIN_NS } from "../src/oversight/file-hashes.ts";
import { importSpecifiers } from "../src/problem/import-closure.ts";
import { loadProblem, type Problem } from "../src/problem/load-problem.ts";
import { percentile } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-bench-pin-"));
const COLD_ROUNDS = 20;
const WARM_ROUNDS = 500;

function copy(name: string): string {
  const dir = path.join(work, name);
  fs.cpSync(path.join(root, "examples", name), dir, {
    recursive: true,
    filter: (s) => !s.includes(".steward"),
  });
  return dir;
}

/** Waits until every file is older than the racy margin, so warm checks can trust metadata. */
async function aged(): Promise<void> {
  const wait = Number(RACY_MARGIN_NS / 1_000_000n) + 100;
  await new Promise((resolve) => setTimeout(resolve, wait));
}

function timeChecks(problem: Problem, rounds: number, cold: boolean) {
  const samples: number[] = [];
  const cpu: number[] = [];
  let reads = 0;
  let watcher = new PinWatcher(problem);
  if (!cold) watcher.current();
  for (let i = 0; i < rounds; i++) {
    const hashes = new FileHashes();
    if (cold) watcher = new PinWatcher(problem, hashes);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const files = watcher.current();
    const used = process.cpuUsage(cpuBefore);
    samples.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    if (Object.keys(files).length === 0) throw new Error("nothing pinned");
    if (cold) reads = hashes.reads;
  }
  return {
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    cpu: percentile(cpu, 50),
    reads,
  };
}

function line(label: string, s: ReturnType<typeof timeChecks>, files: number): void {
  console.log(
    `  ${label.padEnd(6)} median ${s.median.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms per check, CPU ${s.cpu.toFixed(3)} ms (${files} files${s.reads ? `, ${s.reads} read` : ""})`,
  );
}

console.log("charter pin cost");
// Loading TypeScript (to read imports) is paid once per process, not per check.
let started = performance.now();
importSpecifiers("export {};");
console.log(
  `  loading TypeScript for import parsing: ${(performance.now() - started).toFixed(0)} ms, once per process`,
);

const binPacking = loadProblem(copy("bin-packing"));
const dataDir = path.join(work, "data-1000");
fs.cpSync(path.join(root, "examples", "symbolic-regression"), dataDir, {
  recursive: true,
  filter: (s) => !s.includes(".steward"),
});
for (let i = 0; i < 1000; i++) {
  const sub = path.join(dataDir, "data", `part-${Math.floor(i / 100)}`);
  fs.mkdirSync(sub, { recursive: true });
  fs.writeFileSync(path.join(sub, `rows-${i}.csv`), `${i},`.repeat(1024).slice(0, 4096));
}
const dataProblem = loadProblem(dataDir);
await aged();

const results: Array<[string, Problem]> = [
  ["bin packing", binPacking],
  ["data/ with 1,000 files of 4 KB", dataProblem],
];
const warm: Record<string, { median: number; cpu: number }> = {};
for (const [name, problem] of results) {
  const files = Object.keys(new PinWatcher(problem).current()).length;
  console.log(`${name}:`);
  line("cold", timeChecks(problem, COLD_ROUNDS, true), files);
  const w = timeChecks(problem, WARM_ROUNDS, false);
  line("warm", w, files);
  warm[name] = w;
}

started = performance.now();
const evaluation = await evaluateProgram(binPacking, { code: binPacking.seedCode });
const evalMs = performance.now() - started;
const perEvaluation = (name: string) => {
  const w = warm[name] ?? { median: Number.NaN, cpu: Number.NaN };
  return { wall: 2 * w.median, cpu: 2 * w.cpu };
};
const bp = perEvaluation("bin packing");
console.log(
  `bin packing: one evaluation of the seed takes ${evalMs.toFixed(0)} ms (${evaluation.outcome}); the pin adds ${bp.wall.toFixed(3)} ms wall, ${bp.cpu.toFixed(3)} ms CPU (2 warm checks), ${((100 * bp.wall) / evalMs).toFixed(3)}% of it`,
);
const big = perEvaluation("data/ with 1,000 files of 4 KB");
console.log(
  `data/ with 1,000 files: 2 warm checks per evaluation cost ${big.wall.toFixed(3)} ms wall, ${big.cpu.toFixed(3)} ms CPU`,
);
fs.rmSync(work, { recursive: true, force: true });
