/**
 * Dispatch overhead of the Redis queue: the same evaluation (the
 * symbolic-regression seed), one at a time, through the local evaluator pool
 * and through QueueDispatcher -> redis-server -> a worker loop (in this
 * process, so only the queue's cost differs). Prints ms per evaluation each
 * way and the difference. Run: npm run bench:queue
 * Not yet here (issue 12): scaling with 1/2/4/8 workers on a 1 s evaluator,
 * and bin packing through Redis vs the in-process pool.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EvaluatorPool } from "../src/engine/evaluator-pool.ts";
import { loadProblem } from "../src/problem/load-problem.ts";
import { QueueDispatcher } from "../src/queue/dispatcher.ts";
import { runWorker } from "../src/queue/worker-loop.ts";
import { startRedis } from "../test/queue/redis-server.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const problem = loadProblem(
  fileURLToPath(new URL("../examples/symbolic-regression", import.meta.url)),
);
const code = problem.seedCode;

async function timePerEval(evaluate: (i: number) => Promise<unknown>): Promise<number> {
  await evaluate(0); // warm up: evaluator process, bundle fetch
  const start = performance.now();
  for (let i = 1; i <= ROUNDS; i++) await evaluate(i);
  return (performance.now() - start) / ROUNDS;
}

const pool = new EvaluatorPool();
const local = await timePerEval(() => pool.evaluate(problem, { code }));

const redis = await startRedis();
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "steward-queue-bench-"));
const stop = new AbortController();
const worker = runWorker({
  url: redis.url,
  concurrency: 1,
  cacheDir: cache,
  problemsDir: null,
  lockMs: 30_000,
  evaluate: (p, options) => pool.evaluate(p, options),
  log: () => {},
  signal: stop.signal,
});
const dispatcher = new QueueDispatcher(problem, redis.url, { maxInFlight: 1 });
const queued = await timePerEval((i) => dispatcher.evaluate(problem, { code, candidateId: i }));
await dispatcher.close();
stop.abort();
await worker;
pool.close();
await redis.stop();
fs.rmSync(cache, { recursive: true, force: true });

console.log(`queue dispatch (${ROUNDS} sequential evaluations of the symbolic-regression seed)`);
console.log(`  local pool:         ${local.toFixed(1)} ms per evaluation`);
console.log(`  through Redis:      ${queued.toFixed(1)} ms per evaluation`);
console.log(`  dispatch overhead:  ${(queued - local).toFixed(1)} ms per job`);
