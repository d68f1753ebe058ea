/**
 * The coordinator's side of the queue: the same `evaluate` as the local
 * evaluator pool, but each evaluation is a BullMQ job that some
 * `steward worker` runs. The engine loop does not know the difference.
 *
 * Exactly once: the job id is the candidate's id (within this coordinator's
 * store), so adding it again (a resumed run) finds the job, or its finished
 * result, instead of making a second one; the first result settles the
 * evaluation and any later one for the same candidate is ignored and counted.
 * Events from Redis wake the dispatcher, and a poll of every job in flight
 * catches what events miss (a dropped connection) and re-adds jobs a
 * restarted Redis lost. A worker killed mid-job leaves a job whose lock
 * expires; BullMQ gives it to another worker.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import { Job, Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { StewardError } from "../errors.ts";
import type { EvaluateOptions } from "../evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { Problem } from "../problem/load-problem.ts";
import { detectSandbox, effectiveRequirement } from "../sandbox/detect.ts";
import { meetsRequirement } from "../sandbox/level.ts";
import {
  type EvaluationJobData,
  type JobResult,
  jobIdFor,
  QUEUE_NAME,
  resultSchema,
} from "./job-contract.ts";
import { type ProblemBundle, publishBundle, readBundle } from "./problem-bundle.ts";
import { connect } from "./queue-connection.ts";
import { workersSeen } from "./worker-registry.ts";

const POLL_MS = 1_000;
/** Tries of one job: a refusal or a worker stopped mid-job costs one. */
const ATTEMPTS = 5;

interface Pending {
  data: EvaluationJobData;
  resolve: (outcome: EvaluationOutcome) => void;
  reject: (error: Error) => void;
}

export interface DispatchOptions extends Omit<EvaluateOptions, "evaluator"> {
  /** The candidate this evaluation is for: the job's identity. */
  candidateId: number;
}

export class QueueDispatcher {
  /** Results that arrived for a candidate already acknowledged: ignored, counted. */
  duplicates = 0;
  /** Jobs Redis lost (a restart without persistence) and that were queued again. */
  requeued = 0;
  readonly #redis: Redis;
  readonly #eventsRedis: Redis;
  readonly #queue: Queue;
  readonly #events: QueueEvents;
  readonly #pending = new Map<string, Pending>();
  readonly #settled = new Set<string>();
  readonly #origin: string;
  readonly #bundle: ProblemBundle;
  readonly #minLevel: "namespace" | "process";
  readonly #maxInFlight: number | null;
  #fleet = 0;
  #timer: NodeJS.Timeout;
  #published: Promise<void> | null = null;

  constructor(problem: Problem, url: string, options: { maxInFlight?: number | null } = {}) {
    this.#redis = connect(url);
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#redis });
    this.#queue.on("error", () => {});
    // QueueEvents blocks on its connection: it needs one of its own.
    this.#eventsRedis = connect(url);
    this.#events = new QueueEvents(QUEUE_NAME, { connection: this.#eventsRedis });
    this.#events.on("error", () => {});
    this.#events.on("completed", ({ jobId }) => void this.#check(jobId));
    this.#events.on("failed", ({ jobId }) => void this.#check(jobId));
    // One coordinator per problem folder and machine: its candidate ids never meet another's.
    this.#origin = createHash("sha256")
      .update(`${os.hostname()}\0${problem.dir}`)
      .digest("hex")
      .slice(0, 16);
    this.#bundle = readBundle(problem);
    const { report } = detectSandbox();
    const requirement = effectiveRequirement(report, problem.charter.sandbox);
    this.#minLevel = meetsRequirement("process", requirement) ? "process" : "namespace";
    this.#maxInFlight = options.maxInFlight ?? null;
    this.#timer = setInterval(() => void this.#poll(), POLL_MS);
    void this.#refreshFleet();
  }

  /** The bundle's hash, as jobs name it. */
  get bundleHash(): string {
    return this.#bundle.hash;
  }

  /** Jobs to keep queued or running: `max_in_flight`, else twice the worker slots seen. */
  capacity(): number {
    return this.#maxInFlight ?? Math.max(1, 2 * this.#fleet);
  }

  async evaluate(problem: Problem, options: DispatchOptions): Promise<EvaluationOutcome> {
    void problem; // the bundle was read when the dispatcher was made; the pin check guards changes
    const data: EvaluationJobData = {
      bundle: this.#bundle.hash,
      candidateId: options.candidateId,
      code: options.code,
      minLevel: this.#minLevel,
      mode: options.mode ?? "search",
      split: options.split ?? "train",
      seed: options.seed ?? 0,
      timeLimitMs: options.timeLimitMs ?? null,
    };
    const jobId = jobIdFor(this.#origin, options.candidateId);
    this.#settled.delete(jobId);
    const result = new Promise<EvaluationOutcome>((resolve, reject) => {
      this.#pending.set(jobId, { data, resolve, reject });
    });
    const { signal } = options;
    const onAbort = () => {
      this.#fail(jobId, new StewardError("stopped", "the evaluation was stopped"));
      void this.#queue.remove(jobId).catch(() => {});
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await this.#add(jobId, data);
    } catch {
      // Redis is away: the poll adds it once Redis is back.
    }
    try {
      return await result;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const jobId of this.#pending.keys())
      this.#fail(jobId, new StewardError("stopped", "the run stopped"));
    await Promise.allSettled([this.#events.close(), this.#queue.close()]);
    this.#redis.disconnect();
    this.#eventsRedis.disconnect();
  }

  async #add(jobId: string, data: EvaluationJobData): Promise<void> {
    this.#published ??= publishBundle(this.#redis, this.#bundle).catch((error) => {
      this.#published = null;
      throw error;
    });
    await this.#published;
    await this.#queue.add("evaluate", data, {
      jobId,
      attempts: ATTEMPTS,
      backoff: { type: "fixed", delay: 500 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 24 * 3600 },
    });
    // A result finished before this add (a resumed run) is there already.
    await this.#check(jobId);
  }

  async #check(jobId: string): Promise<void> {
    if (!this.#pending.has(jobId)) {
      if (this.#settled.has(jobId)) this.duplicates++;
      return;
    }
    const job = await Job.fromId(this.#queue, jobId);
    const pending = this.#pending.get(jobId);
    if (!pending) return;
    if (!job) {
      // Redis lost it (restarted without persistence): queue it again, bundle included.
      this.requeued++;
      this.#published = null;
      await this.#add(jobId, pending.data);
      return;
    }
    const state = await job.getState();
    if (state === "completed") {
      const parsed = resultSchema.safeParse(job.returnvalue);
      if (!parsed.success || parsed.data.candidateId !== pending.data.candidateId) {
        this.#fail(
          jobId,
          new StewardError(
            "queue-bad-result",
            `a worker returned a malformed result for candidate ${pending.data.candidateId}: update "steward worker" to this Steward's version`,
          ),
        );
        return;
      }
      this.#succeed(jobId, parsed.data);
      void job.remove().catch(() => {});
    } else if (state === "failed") {
      this.#fail(
        jobId,
        new StewardError(
          "queue-job-failed",
          `candidate ${pending.data.candidateId} failed on the workers ${ATTEMPTS} times; last: ${job.failedReason}`,
        ),
      );
    }
  }

  #succeed(jobId: string, result: JobResult): void {
    const pending = this.#pending.get(jobId);
    if (!pending) {
      this.duplicates++;
      return;
    }
    this.#pending.delete(jobId);
    this.#settled.add(jobId);
    pending.resolve(result.outcome as EvaluationOutcome);
  }

  #fail(jobId: string, error: Error): void {
    const pending = this.#pending.get(jobId);
    if (!pending) return;
    this.#pending.delete(jobId);
    pending.reject(error);
  }

  async #poll(): Promise<void> {
    await this.#refreshFleet();
    for (const jobId of [...this.#pending.keys()]) {
      try {
        await this.#check(jobId);
      } catch {
        return; // Redis is away: try again next poll
      }
    }
  }

  async #refreshFleet(): Promise<void> {
    try {
      const seen = await workersSeen(this.#redis);
      this.#fleet = seen.reduce((sum, worker) => sum + worker.concurrency, 0);
    } catch {
      // keep the last count while Redis is away
    }
  }
}
