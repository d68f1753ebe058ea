/**
 * Shared by the evolution benchmarks (bench:bin-packing, bench:circle-packing):
 * one offline gp run per seed on a fresh copy of an example, the best program
 * back, a folder under bench/results/ (git-ignored) for programs and a JSON
 * summary, and the median and spread over seeds.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { evolve } from "../../src/engine/evolve.ts";
import type { RunEvent } from "../../src/engine/run-events.ts";
import { requestStop } from "../../src/engine/run-files.ts";
import { DEFAULT_WORKERS } from "../../src/engine/run-options.ts";
import { loadProblem, type Problem } from "../../src/problem/load-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import type { CandidateRecord } from "../../src/store/run-store.ts";
import { parseDuration } from "../../src/util/duration.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface SeedRun {
  seed: number;
  problem: Problem;
  bestCode: string;
  bestProgramId: number | null;
  bestObjective: number | null;
  evaluated: number;
  wallSeconds: number;
  stopped: string;
  candidates: CandidateRecord[];
}

/** A fresh copy of examples/NAME (no run state) in a temp folder; `program`, when given, replaces its seed program. */
export function copyExample(name: string, program: string | null = null): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `steward-bench-${name}-`)), name);
  fs.cpSync(path.join(ROOT, "examples", name), dir, {
    recursive: true,
    filter: (source) => !source.includes(".steward"),
  });
  if (program !== null) {
    // Where the charter puts the program (loading the copy also checks it).
    fs.copyFileSync(program, loadProblem(dir).programPath);
  }
  return dir;
}

/** One gp run (the charter's mutators: gp by default) with this seed on a fresh copy. */
export async function runSeed(
  example: string,
  seed: number,
  options: { maxTimeMs: number; maxEvals: number | null; workers: number; program: string | null },
  onEvent?: (event: RunEvent) => void,
): Promise<SeedRun> {
  const problem = loadProblem(copyExample(example, options.program));
  const started = performance.now();
  // At --max-time the run is stopped like "steward stop": in-flight evaluations
  // finish, gates still running are dropped (they never change the best
  // program), so a run takes its budget and not its budget plus the gates.
  const stopAt = setTimeout(() => requestStop(problem.dir, "graceful"), options.maxTimeMs);
  const summary = await evolve(problem, {
    budget: { maxEvals: options.maxEvals },
    workers: options.workers,
    seed,
    fresh: true,
    ...(onEvent && { onEvent }),
  }).finally(() => clearTimeout(stopAt));
  const wallSeconds = (performance.now() - started) / 1000;
  const store = openProblemStore(problem.dir);
  try {
    const bestId = summary.stats.bestProgramId;
    const run = store.runs.latest();
    return {
      seed,
      problem,
      bestCode:
        bestId === null ? problem.seedCode : (store.getProgram(bestId)?.code ?? problem.seedCode),
      bestProgramId: bestId,
      bestObjective: summary.stats.bestObjective,
      evaluated: summary.stats.evaluated,
      wallSeconds,
      stopped: summary.message,
      candidates: run ? store.runs.candidates(run.id) : [],
    };
  } finally {
    store.close();
  }
}

/** bench/results/NAME-<time>/, created. */
export function resultsFolder(name: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = path.join(ROOT, "bench", "results", `${name}-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The commit the bench ran on, with "+dirty" when the tree had changes; from
 * STEWARD_BENCH_COMMIT when it runs outside a git checkout (an exported tree).
 */
export function gitCommit(): string {
  if (process.env.STEWARD_BENCH_COMMIT) return process.env.STEWARD_BENCH_COMMIT;
  try {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    const head = git("rev-parse", "HEAD").trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no").trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return "unknown";
  }
}

export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** [min, max] of the finite values. */
export function spread(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0
    ? [Number.NaN, Number.NaN]
    : [Math.min(...finite), Math.max(...finite)];
}

/** Right-aligned columns after a left-aligned first one. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  "),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

/** The seeds 1..N from --seeds N, or the one --seed S. */
export function seedList(seeds: string | undefined, seed: string | undefined): number[] {
  if (seed !== undefined) return [Number(seed)];
  const n = Number(seeds ?? "1");
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new Error(`--seeds must be an integer from 1 to 100 (got "${seeds}")`);
  return Array.from({ length: n }, (_, k) => k + 1);
}

export interface BenchOptions {
  seeds: number[];
  maxTimeMs: number;
  maxEvals: number | null;
  workers: number;
  /** --program: the seed program to run instead of the example's own (null: the example's). */
  program: string | null;
  /** The command as typed, and the commit it ran on: written beside every result. */
  command: string;
  commit: string;
  /** --max-time as given, for messages. */
  maxTime: string;
}

/** The flags every evolution bench takes: --seeds N | --seed S, --max-time, --max-evals, --workers, --program. */
export function benchOptions(script: string): BenchOptions {
  const { values } = parseArgs({
    options: {
      seeds: { type: "string" },
      seed: { type: "string" },
      "max-time": { type: "string", default: "30m" },
      "max-evals": { type: "string" },
      workers: { type: "string", default: String(DEFAULT_WORKERS) },
      program: { type: "string" },
    },
  });
  const program = values.program ? path.resolve(values.program) : null;
  if (program !== null && !fs.existsSync(program))
    throw new Error(`--program: no file ${values.program}`);
  const maxTime = values["max-time"] ?? "30m";
  const maxTimeMs = parseDuration(maxTime);
  if (maxTimeMs === null) throw new Error(`--max-time: not a duration like 30m (got "${maxTime}")`);
  return {
    seeds: seedList(values.seeds, values.seed),
    maxTimeMs,
    maxEvals: values["max-evals"] ? Number(values["max-evals"]) : null,
    workers: Number(values.workers),
    program,
    command: `npm run ${script} -- ${process.argv.slice(2).join(" ")}`.trim(),
    commit: gitCommit(),
    maxTime,
  };
}

/** Writes a run's best program to OUT/seed-N.ts, headed by the command and commit; returns its path from the repo root. */
export function saveProgram(out: string, run: SeedRun, options: BenchOptions): string {
  const file = path.join(out, `seed-${run.seed}.ts`);
  fs.writeFileSync(
    file,
    `// Evolved by: ${options.command} (seed ${run.seed}), commit ${options.commit}\n${run.bestCode}`,
  );
  return path.relative(ROOT, file);
}
