/**
 * Rows as SQLite stores them, and their conversion to and from the store's
 * records. JSON columns are our own writes, so they are trusted, but a NULL or
 * unreadable value never crashes a read: it becomes the empty value.
 */
import type {
  EvalMode,
  EvaluatedBy,
  EvaluationOutcome,
  Metrics,
  OutcomeError,
  OutcomeKind,
} from "../../evaluation/outcome.ts";
import type { SandboxLevel } from "../../sandbox/level.ts";
import type { EvaluationRecord, ProgramRecord } from "../store.ts";

export interface ProgramRow {
  id: number;
  hash: string;
  code: string;
  origin: string;
  created_at: string;
}

/** The columns of `evaluations` besides `id`, as bound by name in an INSERT. */
export interface EvaluationParams {
  program_id: number;
  outcome: string;
  metrics: string | null;
  error: string | null;
  mode: string;
  split: string;
  duration_ms: number;
  peak_memory_bytes: number | null;
  sandbox: string;
  stdout: string;
  stderr: string;
  artifacts: string | null;
  log: string | null;
  warnings: string | null;
  created_at: string;
  /** JSON of the queue worker that evaluated; NULL when the engine's machine did. */
  worker: string | null;
}

export interface EvaluationRow extends EvaluationParams {
  id: number;
}

export function toProgramRecord(row: ProgramRow, parentIds: number[]): ProgramRecord {
  return {
    id: row.id,
    hash: row.hash,
    code: row.code,
    parentIds,
    origin: row.origin,
    createdAt: row.created_at,
  };
}

export function toEvaluationParams(
  programId: number,
  outcome: EvaluationOutcome,
  createdAt: string,
): EvaluationParams {
  return {
    program_id: programId,
    outcome: outcome.outcome,
    metrics: outcome.metrics === null ? null : JSON.stringify(outcome.metrics),
    error: outcome.error === null ? null : JSON.stringify(outcome.error),
    mode: outcome.mode,
    split: outcome.split,
    duration_ms: outcome.durationMs,
    peak_memory_bytes: outcome.peakMemoryBytes,
    sandbox: outcome.sandbox,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    artifacts: JSON.stringify(outcome.artifacts),
    log: JSON.stringify(outcome.log),
    warnings: JSON.stringify(outcome.warnings),
    created_at: createdAt,
    worker: outcome.worker ? JSON.stringify(outcome.worker) : null,
  };
}

export function toEvaluationRecord(row: EvaluationRow): EvaluationRecord {
  const metrics = parse(row.metrics);
  const error = parse(row.error);
  return {
    id: row.id,
    programId: row.program_id,
    createdAt: row.created_at,
    // The CHECK constraints and our own writes vouch for these literals.
    outcome: row.outcome as OutcomeKind,
    metrics: isObject(metrics) ? (metrics as Metrics) : null,
    error: isObject(error) ? (error as unknown as OutcomeError) : null,
    mode: row.mode as EvalMode,
    split: row.split,
    durationMs: row.duration_ms,
    peakMemoryBytes: row.peak_memory_bytes,
    sandbox: row.sandbox as SandboxLevel,
    stdout: row.stdout ?? "",
    stderr: row.stderr ?? "",
    artifacts: objectOrEmpty(parse(row.artifacts)),
    log: stringsOf(parse(row.log)),
    warnings: stringsOf(parse(row.warnings)),
    ...workerField(row.worker ?? null),
  };
}

/** The `worker` column read back: the queue worker that evaluated, null for the engine's machine. */
export function workerColumn(text: string | null): EvaluatedBy | null {
  const value = parse(text);
  if (!isObject(value) || typeof value.id !== "string") return null;
  const field = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : "");
  return {
    id: value.id,
    host: field("host"),
    level: field("level") as SandboxLevel,
    steward: field("steward"),
    node: field("node"),
  };
}

function workerField(text: string | null): { worker?: EvaluatedBy } {
  const worker = workerColumn(text);
  return worker ? { worker } : {};
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}
