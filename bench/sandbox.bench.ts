/**
 * `npm run bench`: sandbox start latency per level, call round trip, and the
 * cost of one bin-packing evaluation in search and verify mode. Prints numbers
 * and ratios; asserts nothing (timing goals live here, not in tests).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateProgram } from "../src/evaluation/evaluate-program.ts";
import { JsCandidate } from "../src/evaluation/host/js-candidate.ts";
import { loadProblem } from "../src/problem/load-problem.ts";
import type { SandboxBackend } from "../src/sandbox/backend.ts";
import { BubblewrapBackend } from "../src/sandbox/bubblewrap.ts";
import { createCodeDir } from "../src/sandbox/code-dir.ts";
import { detectSandbox } from "../src/sandbox/detect.ts";
import { DEFAULT_LIMITS } from "../src/sandbox/limits.ts";
import { PlainProcessBackend } from "../src/sandbox/plain-process.ts";
import { ms, percentile, table } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const STARTS = 20;
const CALLS = 2_000;

async function startLatency(backend: SandboxBackend): Promise<number[]> {
  const code = createCodeDir({ files: { "candidate.mjs": "export const f = (x) => x + 1;\n" } });
  const samples: number[] = [];
  try {
    for (let i = 0; i < STARTS; i++) {
      const t = performance.now();
      const c = new JsCandidate(backend, code.dir, false, DEFAULT_LIMITS);
      c.load(code.dir);
      await c.call("f", [1]);
      samples.push(performance.now() - t);
      await c.stop();
    }
  } finally {
    code.remove();
  }
  return samples;
}

async function roundTrip(backend: SandboxBackend): Promise<number[]> {
  const code = createCodeDir({
    files: { "candidate.mjs": "export const f = (x, bins) => bins.length + x;\n" },
  });
  const c = new JsCandidate(backend, code.dir, false, DEFAULT_LIMITS);
  c.load(code.dir);
  const bins = [10, 20, 30, 40];
  await c.call("f", [1, bins]);
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await c.call("f", [i, bins]);
    samples.push(performance.now() - t);
  }
  await c.stop();
  code.remove();
  return samples;
}

async function main() {
  const { report } = detectSandbox();
  console.log(
    `Steward sandbox benchmark: node ${process.version}, default level ${report.level}\n`,
  );
  const backends: SandboxBackend[] = [new PlainProcessBackend()];
  if (report.level === "bubblewrap") backends.push(new BubblewrapBackend());

  const rows = [["level", "start->first call p50", "p95", "call round trip p50", "p95"]];
  for (const backend of backends) {
    const start = await startLatency(backend);
    const trip = await roundTrip(backend);
    rows.push([
      backend.level,
      ms(percentile(start, 50)),
      ms(percentile(start, 95)),
      `${(percentile(trip, 50) * 1000).toFixed(0)} µs`,
      `${(percentile(trip, 95) * 1000).toFixed(0)} µs`,
    ]);
  }
  console.log(table(rows));

  const problem = loadProblem(path.join(root, "examples", "bin-packing"));
  const evalRows = [
    ["bin-packing evaluation (25,000 priority calls)", "wall time", "outcome", "excess"],
  ];
  const times: Record<string, number> = {};
  for (const mode of ["search", "verify"] as const) {
    const runs = [];
    for (let i = 0; i < 3; i++)
      runs.push(await evaluateProgram(problem, { code: problem.seedCode, mode }));
    const best = Math.min(...runs.map((r) => r.durationMs));
    times[mode] = best;
    const last = runs.at(-1);
    evalRows.push([
      `${mode} mode (best of 3)`,
      ms(best),
      last?.outcome ?? "",
      String(last?.metrics?.excess ?? ""),
    ]);
  }
  console.log(`\n${table(evalRows)}`);
  console.log(`verify / search: ${((times.verify ?? 0) / (times.search ?? 1)).toFixed(1)}x`);
}

await main();
