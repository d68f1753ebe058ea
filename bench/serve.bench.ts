/**
 * Dashboard server time on a big store: N programs (default 100,000) evaluated
 * in one run, then each page requested through the app (no network):
 * - start: what `steward serve` reads once when it starts (every run's
 *   candidates and population, `ServedProblem.warm`), before any page;
 * - first: each page's first request after that;
 * - live: the same page after one more evaluation landed in the store (the
 *   dashboard reads only what changed);
 * - warm: the median of further requests.
 * Then the same pages on a server that did not warm (a page that must read the
 * whole run itself). Prints milliseconds; the goal is every page under 200 ms
 * (first, live and warm).
 *   npx tsx bench/serve.bench.ts [N]     (npm run bench:serve)
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

let next = n;
function oneMoreEvaluation(): void {
  const s = openProblemStore(dir);
  try {
    const code = `export const x = ${next++};\n`;
    const p = s.addProgram({ hash: programHash(code), code, parentIds: [1], origin: "gp" }).program;
    const c = s.runs.addCandidate({
      runId: 1,
      programId: p.id,
      island: 0,
      parentId: 1,
      mutator: "gp",
      operator: "constant",
      generation: 2,
    });
    s.runs.recordEvaluation(c.id, okOutcome({ error: 1.9 }), {
      fitness: -1.9,
      features: { code_length: 3, complexity: 4 },
    });
  } finally {
    s.close();
  }
}

const pages = [
  "/p/0",
  "/p/0/runs/1",
  "/p/0/runs/1/population",
  `/p/0/programs/${n}?run=1`,
  "/p/0/proposals",
  `/p/0/proposals/${proposalId}`,
  "/p/0/ledger",
];

async function timed(app: ReturnType<typeof createServeApp>, url: string): Promise<number> {
  const t = performance.now();
  const res = await app.request(url, { headers: { authorization: "Bearer t" } });
  await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
}

const ms = (x: number | undefined) => `${(x ?? 0).toFixed(1).padStart(7)} ms`;
let worst = 0;
for (const warm of [true, false]) {
  const served = new ServedProblem(0, dir);
  const app = createServeApp({
    problems: [served],
    token: "t",
    cookieName: "c",
    allowedHosts: [],
    as: null,
  });
  if (warm) {
    const t = performance.now();
    served.warm();
    console.log(`start: reading the run once (ServedProblem.warm) ${ms(performance.now() - t)}`);
  } else console.log("\nwithout warm(): each page's first request reads what it needs itself");
  for (const url of pages) {
    const first = await timed(app, url);
    oneMoreEvaluation();
    const live = await timed(app, url);
    const again = [await timed(app, url), await timed(app, url), await timed(app, url)];
    const median = again.sort((a, b) => a - b)[1] as number;
    if (warm) worst = Math.max(worst, first, live, median);
    console.log(`${url.padEnd(28)} first ${ms(first)}   live ${ms(live)}   warm ${ms(median)}`);
  }
  served.close();
}
console.log(`\nslowest page after start (first, live or warm): ${ms(worst)} (goal < 200 ms)`);
fs.rmSync(root, { recursive: true, force: true });
