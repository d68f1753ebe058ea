/**
 * A worker that refuses a job backs off: it takes nothing for 1, 2, 4... s
 * after each refusal in a row, so in a mixed fleet the workers that can run
 * the job get it. Without the back-off a refused job comes back to the same
 * worker every REFUSAL_DELAY_MS (1 s): four refusals took about 3 s with the
 * code before it, and take at least 1 + 2 + 4 = 7 s with it. A real
 * redis-server and a real `steward worker` with the weak process sandbox; the
 * job asks for bubblewrap, so the worker refuses it before fetching anything.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { type EvaluationJobData, QUEUE_NAME } from "../../src/queue/job-contract.ts";
import { connect } from "../../src/queue/queue-connection.ts";
import { exited } from "../helpers/run-cli.ts";
import { waitUntil } from "../helpers/wait.ts";
import { startWorker } from "./fleet.ts";
import { startRedis } from "./redis-server.ts";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a refusing worker", () => {
  it("takes no job for a growing while after each refusal in a row", async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-backoff-"));
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));

    const eventsRedis = connect(redis.url);
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsRedis });
    events.on("error", () => {});
    cleanups.push(async () => {
      await events.close();
      eventsRedis.disconnect();
    });
    const refusedAt: number[] = [];
    events.on("progress", () => refusedAt.push(Date.now()));
    await events.waitUntilReady();

    const worker = startWorker(redis.url, root, "weak", [], { STEWARD_SANDBOX: "process" });
    cleanups.push(async () => {
      worker.child.kill("SIGKILL");
      await exited(worker.child);
    });
    await waitUntil(() => worker.stderr().includes("waiting for jobs"), "the worker to start");

    const queueRedis = connect(redis.url);
    const queue = new Queue(QUEUE_NAME, { connection: queueRedis });
    cleanups.push(async () => {
      await queue.close();
      queueRedis.disconnect();
    });
    const job: EvaluationJobData = {
      bundle: "0".repeat(64),
      candidateId: 1,
      code: "export const x = 1;\n",
      minLevel: "bubblewrap",
      mode: "search",
      split: "train",
      seed: 1,
      timeLimitMs: null,
    };
    await queue.add("evaluate", job, { jobId: "test-1", attempts: 3 });

    await waitUntil(() => refusedAt.length >= 4, "four refusals of the job");
    expect(worker.stderr()).toMatch(
      /has only the "process" sandbox .* demands at least "bubblewrap"/,
    );
    const first = refusedAt[0] as number;
    const fourth = refusedAt[3] as number;
    // 1 + 2 + 4 s of back-off between them (a busy machine only adds to it).
    expect(fourth - first).toBeGreaterThanOrEqual(6_500);
    // The refusals cost no try: the job is still there for a worker that can run it.
    expect(await queue.getJobState("test-1")).toMatch(/delayed|waiting|active/);
  }, 120_000);
});
