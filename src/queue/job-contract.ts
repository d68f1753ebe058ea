/**
 * What travels through Redis, checked with zod on both sides: a job names the
 * problem by its bundle hash and carries the candidate's code; a result carries
 * the outcome in the shape the local pool produces, and who evaluated it.
 * Nothing else crosses: no environment, no keys, no paths of the coordinator.
 */
import { z } from "zod";
import { OUTCOME_KINDS } from "../evaluation/outcome.ts";
import { LEVELS_STRONGEST_FIRST, type SandboxLevel } from "../sandbox/level.ts";

/** The BullMQ queue every coordinator and worker of one Redis database shares. */
export const QUEUE_NAME = "steward-evaluations";

const HASH = z.string().regex(/^[0-9a-f]{64}$/);
const level = z.enum(LEVELS_STRONGEST_FIRST as unknown as [SandboxLevel, ...SandboxLevel[]]);

export const jobSchema = z.object({
  /** Content hash of the problem bundle (charter, evaluator and imports, driver, data, seed). */
  bundle: HASH,
  candidateId: z.number().int().nonnegative(),
  code: z.string().max(16 * 1024 * 1024),
  /** The weakest sandbox level the charter accepts; a weaker worker refuses the job. */
  minLevel: level,
  mode: z.enum(["search", "verify"]),
  split: z.string().min(1).max(64),
  seed: z.number().int(),
  timeLimitMs: z.number().int().positive().nullable(),
});
export type EvaluationJobData = z.infer<typeof jobSchema>;

export const workerIdentitySchema = z.object({
  id: z.string().min(1).max(200),
  host: z.string().max(255),
  level,
  steward: z.string().max(64),
  node: z.string().max(64),
});
export type WorkerIdentity = z.infer<typeof workerIdentitySchema>;

/**
 * What a worker reports (as the job's progress) when it refuses a job: the
 * coordinator shows it, and gives up on the job once every worker seen refused.
 */
export const refusalSchema = z.object({
  refusedBy: workerIdentitySchema,
  code: z.enum(["sandbox-too-weak", "bundle-mismatch", "bundle-missing", "needs-missing"]),
  message: z.string().max(2_000),
});
export type Refusal = z.infer<typeof refusalSchema>;

const outcomeSchema = z.object({
  outcome: z.enum(OUTCOME_KINDS as [string, ...string[]]),
  metrics: z.record(z.string(), z.number()).nullable(),
  error: z
    .object({
      source: z.enum(["candidate", "evaluator", "sandbox", "engine"]),
      message: z.string(),
      detail: z.string().optional(),
    })
    .nullable(),
  mode: z.enum(["search", "verify"]),
  split: z.string(),
  durationMs: z.number(),
  timeLimitMs: z.number().optional(),
  peakMemoryBytes: z.number().nullable(),
  cpuMs: z.number().nullable().optional(),
  sandbox: level,
  stdout: z.string(),
  stderr: z.string(),
  artifacts: z.record(z.string(), z.unknown()),
  log: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const resultSchema = z.object({
  candidateId: z.number().int().nonnegative(),
  worker: workerIdentitySchema,
  outcome: outcomeSchema,
});
export type JobResult = z.infer<typeof resultSchema>;

/** BullMQ job ids may not be bare integers: one id per candidate of one problem bundle's store. */
export function jobIdFor(storeId: string, candidateId: number): string {
  return `${storeId}-c${candidateId}`;
}
