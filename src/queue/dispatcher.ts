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
 *
 * A worker that cannot run a job safely (a weaker sandbox than the charter
 * demands, a bundle it cannot match) hands it back and says why; the
 * dispatcher passes that on to the person (`onNotice`) and gives up on the job
 * only when every worker seen has refused it. Each outcome carries the
 * identity of the worker that ran it, which the store records.
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
  type Refusal,
  refusalSchema,
  resultSchema,
} from "./job-contract.ts";
import { type ProblemBundle, publishBundle, readBundle } from "./problem-bundle.ts";
import { connect, watchConnection } from "./queue-connection.ts";
import { describeWorker } from "./worker-identity.ts";
import { workersSeen } from "./worker-registry.ts";

const POLL_MS = 1_000;
/** Tries of one job: a refusal or a worker stopped mid-job costs one. */
const ATTEMPTS = 5;

interface Pending {
  data: EvaluationJobData;
  /** Workers that handed this job back, by worker id. */
  refusals: Map<string, Refusal>;
  resolve: (outcome: EvaluationOutcome) => void;
  reject: (error: Error) => void;
}

export interface DispatcherOptions {
  /** Jobs kept queued or running at most; default twice the worker slots seen. */
  maxInFlight?: number | null;
  /** What a person should know: Redis lost or back, a worker refusing jobs. */
  onNotice?: (message: string) => void;
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
  /** Jobs whose result was taken, with when that result finished. */
  readonly #settled = new Map<string, number | undefined>();
  readonly #origin: string;
  readonly #bundle: ProblemBundle;
  readonly #minLevel: "namespace" | "process";
  readonly #maxInFlight: number | null;
  #fleet = 0;
  #fleetIds = new Set<string>();
  readonly #notice: (message: string) => void;
  readonly #noticed = new Set<string>();
  #timer: NodeJS.Timeout;
  #published: Promise<void> | null = null;

  constructor(problem: Problem, url: string, options: DispatcherOptions = {}) {
    this.#notice = options.onNotice ?? (() => {});
    this.#redis = connect(url);
    watchConnection(
      this.#redis,
      url,
      this.#notice,
      '"steward stop --now" stops the run, and the run resumed later queues its unacknowledged candidates again',
    );
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#redis });
    this.#queue.on("error", () => {});
    // QueueEvents blocks on its connection: it needs one of its own.
    this.#eventsRedis = connect(url);
    this.#events = new QueueEvents(QUEUE_NAME, { connection: this.#eventsRedis });
    this.#events.on("error", () => {});
    this.#events.on("completed", ({ jobId }) => void this.#check(jobId));
    this.#events.on("failed", ({ jobId }) => void this.#check(jobId));
    this.#events.on("progress", ({ jobId, data }) => this.#refused(jobId, data));
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
      this.#pending.set(jobId, { data, refusals: new Map(), resolve, reject });
    });
    const { signal } = options;
    const onAbort = () => {
      this.#fail(jobId, new StewardError("stopped", "the evaluation was stopped"));
      void this.#queue.remove(jobId).catch(() => {});
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    // Not awaited: with Redis away the add waits for it, and a stop must not wait with it.
    this.#add(jobId, data).catch(() => {
      // Redis went away meanwhile: the poll adds it once Redis is back.
    });
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
    if (this.duplicates > 0)
      this.#notice(
        `${this.duplicates} late result(s) for candidates already acknowledged were ignored`,
      );
    if (this.requeued > 0)
      this.#notice(`${this.requeued} job(s) that Redis lost were queued again`);
    const closing = Promise.allSettled([this.#events.close(), this.#queue.close()]);
    // With Redis away a graceful close would wait for it: the connections just end
    // (closing still stops BullMQ's own retry loops, or they would keep the process alive).
    if (this.#redis.status === "ready" && this.#eventsRedis.status === "ready") await closing;
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
      if (this.#settled.has(jobId)) await this.#late(jobId);
      return;
    }
    // The state before the job, never after: a job read first can predate its
    // completion (no return value yet) while a state read next already says
    // "completed", and a good result would be refused as malformed (seen once
    // in the suite). Read in this order, a completed state's job has its value.
    const state = await this.#queue.getJobState(jobId);
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
    const data = job.data as Partial<EvaluationJobData>;
    if (data.code !== pending.data.code || data.bundle !== pending.data.bundle) {
      // A finished job of an earlier store of this folder (its ids start again at 1): not ours.
      if (state === "completed" || state === "failed") {
        await job.remove();
        await this.#add(jobId, pending.data);
      }
      return;
    }
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
      this.#succeed(jobId, parsed.data, job.finishedOn);
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

  #succeed(jobId: string, result: JobResult, finishedOn: number | undefined): void {
    const pending = this.#pending.get(jobId);
    if (!pending) return; // a poll and an event read the same result
    this.#pending.delete(jobId);
    this.#settled.set(jobId, finishedOn);
    pending.resolve({ ...(result.outcome as EvaluationOutcome), worker: result.worker });
  }

  /** A result for a job already settled: another one than the one taken is counted. */
  async #late(jobId: string): Promise<void> {
    const job = await Job.fromId(this.#queue, jobId);
    if (job?.finishedOn !== undefined && job.finishedOn !== this.#settled.get(jobId))
      this.duplicates++;
  }

  #fail(jobId: string, error: Error): void {
    const pending = this.#pending.get(jobId);
    if (!pending) return;
    this.#pending.delete(jobId);
    pending.reject(error);
  }

  /** A worker handed a job back: tell the person once per worker and reason. */
  #refused(jobId: string, progress: unknown): void {
    const parsed = refusalSchema.safeParse(progress);
    const pending = this.#pending.get(jobId);
    if (!parsed.success || !pending) return;
    const refusal = parsed.data;
    pending.refusals.set(refusal.refusedBy.id, refusal);
    const key = `${refusal.refusedBy.id}\0${refusal.code}`;
    if (this.#noticed.has(key)) return;
    this.#noticed.add(key);
    this.#notice(
      `worker ${describeWorker(refusal.refusedBy)} refused candidate ${pending.data.candidateId}: ${refusal.message}`,
    );
  }

  /** Fails the jobs that every worker seen has refused: no one here can run them. */
  #giveUpOnRefused(): void {
    if (this.#fleetIds.size === 0) return;
    for (const [jobId, pending] of [...this.#pending]) {
      if (pending.refusals.size === 0) continue;
      if (![...this.#fleetIds].every((id) => pending.refusals.has(id))) continue;
      const reasons = [...new Set([...pending.refusals.values()].map((r) => r.message))];
      this.#fail(
        jobId,
        new StewardError(
          "queue-job-failed",
          `every worker seen refused candidate ${pending.data.candidateId}: ${reasons.join("; ")}. Start a worker whose sandbox is at least "${pending.data.minLevel}", whose problem files match this folder's and that has what the charter needs, then resume the run`,
        ),
      );
    }
  }

  async #poll(): Promise<void> {
    await this.#refreshFleet();
    this.#giveUpOnRefused();
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
      this.#fleetIds = new Set(seen.map((worker) => worker.id));
    } catch {
      // keep the last count while Redis is away
    }
  }
}
