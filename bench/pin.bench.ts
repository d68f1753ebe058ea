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
 * Printed as numbers; nothing here is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateProgram } from "../src/evaluation/evaluate-program.ts";
import { PinWatcher } from "../src/oversight/charter-pin.ts";
import { FileHashes, RACY_MARGIN_NS } from "../src/oversight/file-hashes.ts";
import { importSpecifiers } from "../src/oversight/import-closure.ts";
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
  let reads = 0;
  let watcher = new PinWatcher(problem);
  if (!cold) watcher.current();
  for (let i = 0; i < rounds; i++) {
    const hashes = new FileHashes();
    if (cold) watcher = new PinWatcher(problem, hashes);
    const started = performance.now();
    const files = watcher.current();
    samples.push(performance.now() - started);
    if (Object.keys(files).length === 0) throw new Error("nothing pinned");
    if (cold) reads = hashes.reads;
  }
  return { median: percentile(samples, 50), p95: percentile(samples, 95), reads };
}

function line(label: string, s: ReturnType<typeof timeChecks>, files: number): void {
  console.log(
    `  ${label.padEnd(6)} median ${s.median.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms per check (${files} files${s.reads ? `, ${s.reads} read` : ""})`,
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
const warm: Record<string, number> = {};
for (const [name, problem] of results) {
  const files = Object.keys(new PinWatcher(problem).current()).length;
  console.log(`${name}:`);
  line("cold", timeChecks(problem, COLD_ROUNDS, true), files);
  const w = timeChecks(problem, WARM_ROUNDS, false);
  line("warm", w, files);
  warm[name] = w.median;
}

started = performance.now();
const evaluation = await evaluateProgram(binPacking, { code: binPacking.seedCode });
const evalMs = performance.now() - started;
const perEvaluation = 2 * (warm["bin packing"] ?? 0);
console.log(
  `bin packing: one evaluation of the seed takes ${evalMs.toFixed(0)} ms (${evaluation.outcome}); the pin adds ${perEvaluation.toFixed(3)} ms (2 warm checks), ${((100 * perEvaluation) / evalMs).toFixed(3)}% of it`,
);
console.log(
  `data/ with 1,000 files: 2 warm checks per evaluation cost ${(2 * (warm["data/ with 1,000 files of 4 KB"] ?? 0)).toFixed(3)} ms`,
);
fs.rmSync(work, { recursive: true, force: true });
