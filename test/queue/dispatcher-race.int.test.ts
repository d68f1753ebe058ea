/**
 * A result that lands between the dispatcher's two reads of a job is taken,
 * not refused. The dispatcher reads a job's state and the job itself in two
 * round trips; read job-first, a job read just before its worker finished has
 * no return value yet while the state read next says "completed", and the
 * dispatcher refused a good result as malformed (seen once in the full suite).
 * Here that interleaving is forced: the worker finishes only after the
 * dispatcher has read the job, and the read returns only once the job is
 * completed. Job-first (the old order) this test fails with "a worker returned
 * a malformed result"; state-first, the completion event brings the result.
 */
import { Job, Worker } from "bullmq";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { QueueDispatcher } from "../../src/queue/dispatcher.ts";
import { type JobResult, QUEUE_NAME } from "../../src/queue/job-contract.ts";
import { connect } from "../../src/queue/queue-connection.ts";
import { workerIdentity } from "../../src/queue/worker-identity.ts";
import { outcome } from "../../src/store/contract/fixtures.test-kit.ts";
import { copyExample } from "../helpers/run-cli.ts";
import { startRedis, type TestRedis } from "./redis-server.ts";

let redis: TestRedis;
const example = copyExample("symbolic-regression");

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await redis?.stop();
  example.remove();
});

/** Resolves when `check` holds, checking every 5 ms; rejects after `ms`. */
async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it("takes a result that completes between the reads of the job and of its state", async () => {
  let jobRead: () => void = () => {};
  const firstRead = new Promise<void>((resolve) => {
    jobRead = resolve;
  });
  const fromId = Job.fromId.bind(Job);
  const reads = vi.spyOn(Job, "fromId").mockImplementation(async (queue, jobId) => {
    const job = await fromId(queue, jobId as string);
    jobRead();
    // Hand the read back only once the job is completed: the snapshot is older.
    await until(async () => (await fromId(queue, jobId as string))?.finishedOn !== undefined);
    return job;
  });

  const workerRedis = connect(redis.url);
  const worker = new Worker(
    QUEUE_NAME,
    async (job): Promise<JobResult> => {
      await firstRead; // finish only after the dispatcher has read the job
      return {
        candidateId: job.data.candidateId,
        worker: workerIdentity("namespace"),
        outcome: outcome({ metrics: { score: 1 }, sandbox: "namespace" }),
      };
    },
    { connection: workerRedis },
  );
  const dispatcher = new QueueDispatcher(loadProblem(example.dir), redis.url);
  try {
    const result = await dispatcher.evaluate(loadProblem(example.dir), {
      candidateId: 1,
      code: "export const x = 1;\n",
    });
    expect(result.outcome).toBe("ok");
    expect(result.metrics).toEqual({ score: 1 });
    expect(reads).toHaveBeenCalled();
  } finally {
    reads.mockRestore();
    await dispatcher.close();
    await worker.close();
    workerRedis.disconnect(); // BullMQ leaves a connection it was given open
  }
}, 120_000);
