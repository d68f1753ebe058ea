/**
 * `steward worker`: takes evaluation jobs from the queue, evaluates each with
 * the same code as a local run (src/evaluation/) in this machine's sandbox,
 * and returns the outcome as the job's result. It refuses (fails the job with
 * a message the coordinator shows) a job whose problem bundle it cannot match,
 * a job that demands a stronger sandbox than this machine has, and a job whose
 * charter `needs` what this machine lacks (an interpreter, a Python module): a
 * worker without torch would otherwise fail every char-lm candidate as if the
 * candidates were broken. It holds no
 * secret: it sees only what the coordinator put in Redis.
 */
import fs from "node:fs";
import path from "node:path";
import { DelayedError, type Job, Worker } from "bullmq";
import { isStewardError, StewardError } from "../errors.ts";
import type { EvaluateOptions } from "../evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { missingNeeds } from "../problem/check-needs.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { detectSandbox } from "../sandbox/detect.ts";
import { LEVELS_STRONGEST_FIRST, type SandboxLevel } from "../sandbox/level.ts";
import {
  type EvaluationJobData,
  type JobResult,
  jobSchema,
  QUEUE_NAME,
  type Refusal,
} from "./job-contract.ts";
import { cachedProblem, localBundleHash } from "./problem-bundle.ts";
import { connect, displayUrl, watchConnection } from "./queue-connection.ts";
import { workerIdentity } from "./worker-identity.ts";
import { forget, HEARTBEAT_MS, heartbeat } from "./worker-registry.ts";

/** A refused job goes back to the queue after this long, for another worker to take. */
export const REFUSAL_DELAY_MS = 1_000;
/**
 * After refusing, a worker takes no job for a while, doubling from
 * REFUSAL_DELAY_MS with each refusal in a row up to this, so in a mixed fleet
 * the workers that can run the jobs get them instead of a refusing worker
 * taking each one back every second. An accepted job resets it.
 */
export const MAX_REFUSAL_BACKOFF_MS = 16_000;

export interface WorkerOptions {
  url: string;
  concurrency: number;
  /** Folder of the bundles fetched from Redis, by hash. */
  cacheDir: string;
  /** A shared folder of problem folders to use instead of fetching their bundles. */
  problemsDir: string | null;
  /** How long a job's lock lasts without renewal: a killed worker's job runs again after it. */
  lockMs: number;
  evaluate: (problem: Problem, options: EvaluateOptions) => Promise<EvaluationOutcome>;
  log: (line: string) => void;
  signal: AbortSignal;
}

export async function runWorker(options: WorkerOptions): Promise<{ jobsDone: number }> {
  const level = detectSandbox().report.level;
  const identity = workerIdentity(level);
  fs.mkdirSync(options.cacheDir, { recursive: true });
  const redis = connect(options.url);
  watchConnection(redis, options.url, (message) => options.log(`steward worker: ${message}`));
  const problems = new Map<string, Problem>();
  /** Bundles this worker cannot match: refused again without fetching. */
  const mismatched = new Map<string, StewardError>();
  /** What each bundle's charter needs and this machine lacks, checked once per bundle. */
  const lacking = new Map<string, string[]>();
  const logged = new Set<string>();
  let jobsDone = 0;
  let refused = 0;
  const shared = options.problemsDir ? localProblems(options.problemsDir, options.log) : null;

  const problemFor = async (hash: string): Promise<Problem> => {
    const known = problems.get(hash);
    if (known) return known;
    const failed = mismatched.get(hash);
    if (failed) throw failed;
    let problem: Problem;
    try {
      if (shared) {
        const found = shared.get(hash);
        if (!found) {
          throw new StewardError(
            "bundle-mismatch",
            `worker ${identity.id}: no problem folder under ${options.problemsDir} matches bundle ${hash.slice(0, 12)} (its charter, evaluator, driver, data or seed differ from the coordinator's); the job was refused`,
          );
        }
        problem = found;
      } else problem = loadProblem(await cachedProblem(redis, hash, options.cacheDir));
    } catch (error) {
      if (isStewardError(error) && error.code === "bundle-mismatch") mismatched.set(hash, error);
      throw error;
    }
    problems.set(hash, problem);
    return problem;
  };

  let refusedInARow = 0;
  let backingOff = false;
  /** Takes no job for a while after a refusal (see MAX_REFUSAL_BACKOFF_MS). */
  const backOff = () => {
    refusedInARow++;
    if (backingOff || options.signal.aborted) return;
    backingOff = true;
    const ms = Math.min(MAX_REFUSAL_BACKOFF_MS, REFUSAL_DELAY_MS * 2 ** (refusedInARow - 1));
    // Not awaited: pausing waits for the fetch loop, which waits for this job.
    void worker.pause(true).catch(() => {});
    setTimeout(() => {
      backingOff = false;
      if (!options.signal.aborted) void worker.resume().catch(() => {});
    }, ms).unref();
  };

  /** Hands the job back (no try is used up) and tells the coordinator why. */
  const refuse = async (job: Job, token: string | undefined, refusal: Refusal) => {
    refused++;
    backOff();
    const key = `${refusal.code}\0${(job.data as EvaluationJobData).bundle}`;
    if (!logged.has(key)) {
      logged.add(key);
      options.log(`steward worker: ${refusal.message}`);
    }
    await job.updateProgress(refusal);
    await job.moveToDelayed(Date.now() + REFUSAL_DELAY_MS, token);
    throw new DelayedError();
  };

  const process_ = async (job: Job, token?: string): Promise<JobResult> => {
    const data: EvaluationJobData = jobSchema.parse(job.data);
    if (weaker(level, data.minLevel)) {
      return refuse(job, token, {
        refusedBy: identity,
        code: "sandbox-too-weak",
        message: `worker ${identity.id} has only the "${level}" sandbox and the charter demands at least "${data.minLevel}"; the job was refused`,
      });
    }
    let problem: Problem;
    try {
      problem = await problemFor(data.bundle);
    } catch (error) {
      if (!isStewardError(error) || !["bundle-mismatch", "bundle-missing"].includes(error.code))
        throw error;
      return refuse(job, token, {
        refusedBy: identity,
        code: error.code as Refusal["code"],
        message: error.message,
      });
    }
    let missing = lacking.get(data.bundle);
    if (!missing) {
      missing = missingNeeds(problem.charter.needs ?? []);
      lacking.set(data.bundle, missing);
    }
    if (missing.length > 0) {
      return refuse(job, token, {
        refusedBy: identity,
        code: "needs-missing",
        message: `worker ${identity.id} lacks what ${problem.charter.name} needs: ${missing.join("; ")}; the job was refused (install it and restart the worker)`,
      });
    }
    refusedInARow = 0;
    options.log(`steward worker: job ${job.id} started`);
    const outcome = await options.evaluate(problem, {
      code: data.code,
      mode: data.mode,
      split: data.split,
      seed: data.seed,
      ...(data.timeLimitMs !== null && { timeLimitMs: data.timeLimitMs }),
      signal: options.signal,
    });
    jobsDone++;
    options.log(`steward worker: job ${job.id} ${outcome.outcome}`);
    return { candidateId: data.candidateId, worker: identity, outcome } as JobResult;
  };

  const worker = new Worker(QUEUE_NAME, process_, {
    connection: redis,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 10,
  });
  worker.on("error", () => {}); // connection loss: BullMQ reconnects and carries on
  const beat = () =>
    heartbeat(redis, {
      ...identity,
      concurrency: options.concurrency,
      jobsDone,
      refused,
      lastHeartbeat: new Date().toISOString(),
    }).catch(() => {});
  await beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  options.log(
    `steward worker ${identity.id}: sandbox ${level}, concurrency ${options.concurrency}, steward ${identity.steward}, node ${identity.node}, queue ${displayUrl(options.url)}, waiting for jobs`,
  );
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  clearInterval(timer);
  if (redis.status === "ready") {
    await worker.close();
    await forget(redis, identity.id).catch(() => {});
  } else {
    // Redis is away: a graceful close would wait for it. Jobs this worker held
    // go to another worker once their locks expire; its heartbeat key expires too.
    void worker.close(true).catch(() => {});
  }
  redis.disconnect();
  return { jobsDone };
}

/** True when `level` isolates less than `minimum`. */
function weaker(level: SandboxLevel, minimum: string): boolean {
  return (
    LEVELS_STRONGEST_FIRST.indexOf(level) > LEVELS_STRONGEST_FIRST.indexOf(minimum as SandboxLevel)
  );
}

/** The problem folders directly under `dir` (or `dir` itself), by bundle hash. */
function localProblems(dir: string, log: (line: string) => void): Map<string, Problem> {
  const byHash = new Map<string, Problem>();
  const candidates = [dir, ...fs.readdirSync(dir).map((name) => path.join(dir, name))];
  for (const folder of candidates) {
    if (!fs.statSync(folder).isDirectory()) continue;
    try {
      const { hash, problem } = localBundleHash(folder);
      byHash.set(hash, problem);
    } catch {
      // not a problem folder
    }
  }
  log(`steward worker: ${byHash.size} problem folder(s) under ${dir}`);
  return byHash;
}
