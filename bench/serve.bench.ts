/**
 * Dashboard server time on a big store: N programs (default 100,000) evaluated
 * in one run, then each page requested through the app (no network), cold
 * (first request: reads the run) and warm (cached until the run evaluates
 * more). Prints milliseconds per page; the goal is under 200 ms warm.
 *   npx tsx bench/serve.bench.ts [N]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServeApp } from "../src/serve/app.ts";
import { ServedProblem } from "../src/serve/served-problem.ts";
import { openProblemStore } from "../src/store/problem-store.ts";
import { programHash } from "../src/util/hash.ts";
import { makeReviewStore, okOutcome } from "../test/serve/review-store.ts";

const n = Number(process.argv[2] ?? 100_000);
const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-serve-bench-"));
process.env.STEWARD_CONFIG_DIR = path.join(root, "config");
const { dir, proposalId } = makeReviewStore(root, process.env.STEWARD_CONFIG_DIR);
const store = openProblemStore(dir);
const built = performance.now();
for (let from = 0; from < n; from += 5000) {
  store.transaction(() => {
    for (let i = from; i < Math.min(n, from + 5000); i++) {
      const code = `export const x = ${i};\n`;
      const p = store.addProgram({
        hash: programHash(code),
        code,
        parentIds: [1],
        origin: "gp",
      }).program;
      const c = store.runs.addCandidate({
        runId: 1,
        programId: p.id,
        island: i % 4,
        parentId: 1,
        mutator: "gp",
        operator: "constant",
        generation: 1,
      });
      const error = 2 + Math.sin(i);
      store.runs.recordEvaluation(c.id, okOutcome({ error }), {
        fitness: -error,
        features: { code_length: i % 500, complexity: i % 30 },
      });
    }
  });
}
store.close();
console.log(`store: ${n} programs written in ${Math.round(performance.now() - built)} ms`);

const app = createServeApp({
  problems: [new ServedProblem(0, dir)],
  token: "t",
  cookieName: "c",
  allowedHosts: [],
  as: null,
});
const pages = [
  "/p/0",
  "/p/0/runs/1",
  "/p/0/runs/1/population",
  `/p/0/programs/${n}?run=1`,
  "/p/0/proposals",
  `/p/0/proposals/${proposalId}`,
  "/p/0/ledger",
];
for (const url of pages) {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const res = await app.request(url, { headers: { authorization: "Bearer t" } });
    await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t);
  }
  const warm = times.slice(1).sort((a, b) => a - b)[1] as number;
  console.log(
    `${url.padEnd(28)} cold ${times[0]?.toFixed(0).padStart(5)} ms   warm ${warm.toFixed(1).padStart(6)} ms`,
  );
}
fs.rmSync(root, { recursive: true, force: true });
