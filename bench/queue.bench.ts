/**
 * The Redis queue's numbers (issue 12). Run: npm run bench:queue
 *
 * 1. Dispatch overhead: the same evaluation (the symbolic-regression seed),
 *    one at a time, through the local evaluator pool and through
 *    QueueDispatcher -> redis-server -> a worker loop in this process, so only
 *    the queue's cost differs: ms per evaluation each way and the difference.
 * 2. Scaling: an evaluator that waits 1 s (I/O bound, so a 2-core machine can
 *    show it) on 1, 2, 4 and 8 real `steward worker` processes: evaluations
 *    per second and the efficiency (rate / (workers x the 1-worker rate)).
 * 3. Bin packing (CPU bound): 2 evaluations at a time through the in-process
 *    pool vs 2 `steward worker` processes through Redis: the overhead in %.
 *
 * Environment: ROUNDS (part 1, default 20), SCALE_JOBS (jobs per worker in
 * part 2, default 6), BINPACK_JOBS (part 3, default 8), SCALE (comma list of
 * worker counts, default 1,2,4,8), PARTS (which parts, default 1,2,3).
 */

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EvaluatorPool } from "../src/engine/evaluator-pool.ts";
import { loadProblem, type Problem } from "../src/problem/load-problem.ts";
import { QueueDispatcher } from "../src/queue/dispatcher.ts";
import { runWorker } from "../src/queue/worker-loop.ts";
import { exited } from "../test/helpers/run-cli.ts";
import { startWorker, type TestWorker } from "../test/queue/fleet.ts";
import { startRedis, type TestRedis } from "../test/queue/redis-server.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const SCALE_JOBS = Number(process.env.SCALE_JOBS ?? 6);
const BINPACK_JOBS = Number(process.env.BINPACK_JOBS ?? 8);
const SCALE = (process.env.SCALE ?? "1,2,4,8").split(",").map(Number);
const PARTS = (process.env.PARTS ?? "1,2,3").split(",");
const examples = fileURLToPath(new URL("../examples/", import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "steward-queue-bench-"));
let nextId = 1;

// The worker processes run the built command: build it if src/ changed.
const build = spawnSync(
  process.execPath,
  [fileURLToPath(new URL("../scripts/build.mjs", import.meta.url)), "--if-stale", "--no-check"],
  { stdio: "inherit" },
);
if (build.status !== 0) throw new Error("building dist/ failed");

async function dispatchOverhead(redis: TestRedis): Promise<void> {
  const problem = loadProblem(path.join(examples, "symbolic-regression"));
  const code = problem.seedCode;
  const timePerEval = async (evaluate: () => Promise<unknown>) => {
    await evaluate(); // warm up: evaluator process, bundle fetch
    const start = performance.now();
    for (let i = 1; i <= ROUNDS; i++) await evaluate();
    return (performance.now() - start) / ROUNDS;
  };
  const pool = new EvaluatorPool();
  const local = await timePerEval(() => pool.evaluate(problem, { code }));
  const stop = new AbortController();
  const worker = runWorker({
    url: redis.url,
    concurrency: 1,
    cacheDir: path.join(tmp, "in-process-cache"),
    problemsDir: null,
    lockMs: 30_000,
    evaluate: (p, options) => pool.evaluate(p, options),
    log: () => {},
    signal: stop.signal,
  });
  const dispatcher = new QueueDispatcher(problem, redis.url, { maxInFlight: 1 });
  const queued = await timePerEval(() =>
    dispatcher.evaluate(problem, { code, candidateId: nextId++ }),
  );
  await dispatcher.close();
  stop.abort();
  await worker;
  pool.close();
  console.log(
    `1. queue dispatch (${ROUNDS} sequential evaluations of the symbolic-regression seed)`,
  );
  console.log(`   local pool:         ${local.toFixed(1)} ms per evaluation`);
  console.log(`   through Redis:      ${queued.toFixed(1)} ms per evaluation`);
  console.log(`   dispatch overhead:  ${(queued - local).toFixed(1)} ms per job`);
}

/** Every worker process started, so that a failed bench still stops them. */
const started: TestWorker[] = [];

/** Starts `n` worker processes and waits until each says it is waiting for jobs. */
async function fleetOf(redis: TestRedis, n: number, name: string): Promise<TestWorker[]> {
  const workers = Array.from({ length: n }, (_, i) =>
    startWorker(redis.url, tmp, `${name}-${i}`, ["--lock-ms", "60000"]),
  );
  started.push(...workers);
  while (!workers.every((w) => w.stderr().includes("waiting for jobs"))) {
    if (workers.some((w) => w.child.exitCode !== null))
      throw new Error(`a worker exited: ${workers.map((w) => w.stderr()).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return workers;
}

async function stopAll(workers: TestWorker[]): Promise<void> {
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => exited(w.child)));
}

/** `jobs` evaluations of the seed with `inFlight` at a time; evaluations per second. */
async function throughput(
  evaluate: (id: number) => Promise<{ outcome: string; error: { message: string } | null }>,
  jobs: number,
  inFlight: number,
): Promise<number> {
  let started = 0;
  const start = performance.now();
  const lane = async () => {
    while (started < jobs) {
      started++;
      const { outcome, error } = await evaluate(nextId++);
      if (outcome !== "ok") throw new Error(`an evaluation ended ${outcome}: ${error?.message}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return jobs / ((performance.now() - start) / 1000);
}

function waitingProblem(): Problem {
  const dir = path.join(tmp, "waits-1s");
  fs.cpSync(path.join(examples, "symbolic-regression"), dir, {
    recursive: true,
    filter: (source) => !source.includes(".steward"),
  });
  const evaluator = path.join(dir, "evaluate.ts");
  const text = fs.readFileSync(evaluator, "utf8");
  const hook = "  async evaluate(candidate, ctx) {\n";
  if (!text.includes(hook)) throw new Error("the symbolic-regression evaluator changed shape");
  // An I/O-bound evaluation: 1 s of waiting, then the usual (fast) scoring.
  fs.writeFileSync(
    evaluator,
    text.replace(hook, `${hook}    await new Promise((resolve) => setTimeout(resolve, 1000));\n`),
  );
  return loadProblem(dir);
}

async function scaling(redis: TestRedis): Promise<void> {
  const problem = waitingProblem();
  const code = problem.seedCode;
  console.log(
    `2. scaling: evaluator waits 1 s; ${SCALE_JOBS} jobs per worker, 2 x workers in flight (${os.cpus().length} cores here)`,
  );
  let single = 0;
  for (const n of SCALE) {
    const workers = await fleetOf(redis, n, `scale${n}`);
    const dispatcher = new QueueDispatcher(problem, redis.url, { maxInFlight: 2 * n });
    const evaluate = (id: number) => dispatcher.evaluate(problem, { code, candidateId: id });
    await throughput(evaluate, n, n); // warm up: each worker fetches the bundle, starts its evaluator
    const rate = await throughput(evaluate, SCALE_JOBS * n, 2 * n);
    await dispatcher.close();
    await stopAll(workers);
    if (n === SCALE[0]) single = rate / n;
    const efficiency = rate / (n * single);
    console.log(
      `   ${String(n).padStart(2)} worker(s): ${rate.toFixed(2)} evaluations/s, efficiency ${(100 * efficiency).toFixed(0)}%`,
    );
  }
}

async function binPacking(redis: TestRedis): Promise<void> {
  // Both sides run the built code (dist/), as the installed command and the workers do.
  const built = {
    ...((await import(
      fileURLToPath(new URL("../dist/engine/evaluator-pool.js", import.meta.url))
    )) as typeof import("../src/engine/evaluator-pool.ts")),
    ...((await import(
      fileURLToPath(new URL("../dist/problem/load-problem.js", import.meta.url))
    )) as typeof import("../src/problem/load-problem.ts")),
  };
  const problem = built.loadProblem(path.join(examples, "bin-packing"));
  const code = problem.seedCode;
  const pool = new built.EvaluatorPool();
  const local = (id: number) => {
    void id;
    return pool.evaluate(problem, { code });
  };
  await throughput(local, 2, 2); // warm up
  const localRate = await throughput(local, BINPACK_JOBS, 2);
  pool.close();
  const workers = await fleetOf(redis, 2, "binpack");
  const dispatcher = new QueueDispatcher(problem, redis.url, { maxInFlight: 2 });
  const queued = (id: number) => dispatcher.evaluate(problem, { code, candidateId: id });
  await throughput(queued, 2, 2); // warm up
  const queuedRate = await throughput(queued, BINPACK_JOBS, 2);
  await dispatcher.close();
  await stopAll(workers);
  const overhead = localRate / queuedRate - 1;
  console.log(`3. bin packing (seed), ${BINPACK_JOBS} evaluations, 2 at a time`);
  console.log(`   in-process pool:       ${(1000 / localRate).toFixed(0)} ms per evaluation`);
  console.log(`   2 workers via Redis:   ${(1000 / queuedRate).toFixed(0)} ms per evaluation`);
  console.log(
    `   overhead:              ${(100 * overhead).toFixed(1)}% (goal: under 10%) ${overhead < 0.1 ? "ok" : "OVER"}`,
  );
}

const redis = await startRedis();
try {
  if (PARTS.includes("1")) await dispatchOverhead(redis);
  if (PARTS.includes("2")) await scaling(redis);
  if (PARTS.includes("3")) await binPacking(redis);
} finally {
  for (const w of started) w.child.kill("SIGKILL");
  await Promise.all(started.map((w) => exited(w.child)));
  await redis.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
