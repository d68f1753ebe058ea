/** Runs and candidates in the SQLite store (schema: migration 2). */
import type {
  EvaluatedBy,
  EvaluationOutcome,
  Metrics,
  OutcomeKind,
} from "../../evaluation/outcome.ts";
import type { SandboxLevel } from "../../sandbox/level.ts";
import type {
  CandidateRecord,
  CandidateResult,
  NewCandidate,
  RunRecord,
  RunStatus,
  RunStore,
  RunTallies,
} from "../run-store.ts";
import type { EvaluationRecord } from "../store.ts";
import type { SqliteDatabase } from "./connection.ts";
import { toEvaluationParams, workerColumn } from "./rows.ts";

interface RunRow {
  id: number;
  seed: number;
  config: string;
  status: string;
  stop_reason: string | null;
  elapsed_ms: number;
  state: string | null;
  created_at: string;
  updated_at: string;
}

interface CandidateRow {
  id: number;
  run_id: number;
  program_id: number;
  island: number;
  parent_id: number | null;
  mutator: string;
  operator: string;
  generation: number;
  evaluation_id: number | null;
  fitness: number | null;
  features: string | null;
  created_at: string;
  rationale: string | null;
  arm: string | null;
  reward: number | null;
  outcome: string | null;
  metrics: string | null;
  sandbox: string | null;
}

const CANDIDATE_SELECT = `SELECT c.*, e.outcome AS outcome, e.metrics AS metrics, e.sandbox AS sandbox
  FROM candidates c LEFT JOIN evaluations e ON e.id = c.evaluation_id`;

export class SqliteRuns implements RunStore {
  readonly #db: SqliteDatabase;
  readonly #sql;
  readonly #record;

  constructor(
    db: SqliteDatabase,
    insertEvaluation: (params: ReturnType<typeof toEvaluationParams>) => number,
  ) {
    this.#db = db;
    this.#sql = {
      insertRun: db.prepare<[number, string, string, string]>(
        "INSERT INTO runs (seed, config, status, created_at, updated_at) VALUES (?, ?, 'running', ?, ?)",
      ),
      runById: db.prepare<[number], RunRow>("SELECT * FROM runs WHERE id = ?"),
      latestRun: db.prepare<[], RunRow>("SELECT * FROM runs ORDER BY id DESC LIMIT 1"),
      allRuns: db.prepare<[], RunRow>("SELECT * FROM runs ORDER BY id"),
      insertCandidate: db.prepare<
        [
          number,
          number,
          number,
          number | null,
          string,
          string,
          number,
          string | null,
          string | null,
          string,
        ]
      >(
        `INSERT INTO candidates (run_id, program_id, island, parent_id, mutator, operator, generation, rationale, arm, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      linkEvaluation: db.prepare<[number, number | null, string | null, number | null, number]>(
        "UPDATE candidates SET evaluation_id = ?, fitness = ?, features = ?, reward = ? WHERE id = ? AND evaluation_id IS NULL",
      ),
      candidateById: db.prepare<[number], CandidateRow>(`${CANDIDATE_SELECT} WHERE c.id = ?`),
      candidatesOf: db.prepare<[number, number], CandidateRow>(
        `${CANDIDATE_SELECT} WHERE c.run_id = ? AND c.id >= ? ORDER BY c.id`,
      ),
      countEvaluated: db
        .prepare<[number], number>(
          "SELECT count(*) FROM candidates WHERE run_id = ? AND evaluation_id IS NOT NULL",
        )
        .pluck(),
      // The tallies of tallies(): each an aggregate over the run's candidates,
      // so status reads no row into memory however long the run.
      counts: db.prepare<[number], { candidates: number; evaluated: number }>(
        "SELECT count(*) AS candidates, count(evaluation_id) AS evaluated FROM candidates WHERE run_id = ?",
      ),
      outcomes: db.prepare<[number], { outcome: OutcomeKind; n: number }>(
        `SELECT e.outcome AS outcome, count(*) AS n FROM candidates c
           JOIN evaluations e ON e.id = c.evaluation_id
          WHERE c.run_id = ? GROUP BY e.outcome ORDER BY e.outcome`,
      ),
      seedFitness: db
        .prepare<[number], number>(
          `SELECT fitness FROM candidates
            WHERE run_id = ? AND parent_id IS NULL AND evaluation_id IS NOT NULL AND fitness IS NOT NULL
            ORDER BY id DESC LIMIT 1`,
        )
        .pluck(),
      best: db.prepare<
        [number],
        { program_id: number; fitness: number; operator: string; generation: number }
      >(
        `SELECT program_id, fitness, operator, generation FROM candidates
          WHERE run_id = ? AND evaluation_id IS NOT NULL AND fitness IS NOT NULL
          ORDER BY fitness DESC, id LIMIT 1`,
      ),
      arms: db.prepare<[number], { arm: string; candidates: number; improved: number }>(
        `SELECT arm, count(*) AS candidates, sum(coalesce(reward, 0) > 0) AS improved
           FROM candidates WHERE run_id = ? AND arm IS NOT NULL
          GROUP BY arm ORDER BY min(id)`,
      ),
      firstAtLeast: db.prepare<
        [number, number],
        { program_id: number; fitness: number; evaluation_id: number }
      >(
        `SELECT program_id, fitness, evaluation_id FROM candidates
          WHERE run_id = ? AND evaluation_id IS NOT NULL AND fitness >= ?
          ORDER BY evaluation_id LIMIT 1`,
      ),
      evaluatedUpTo: db
        .prepare<[number, number], number>(
          "SELECT count(*) FROM candidates WHERE run_id = ? AND evaluation_id <= ?",
        )
        .pluck(),
      byWorker: db.prepare<[number], { worker: string | null; n: number }>(
        `SELECT e.worker AS worker, count(*) AS n FROM candidates c
           JOIN evaluations e ON e.id = c.evaluation_id
          WHERE c.run_id = ? GROUP BY e.worker ORDER BY n DESC, e.worker`,
      ),
    };
    this.#record = db.transaction(
      (candidateId: number, outcome: EvaluationOutcome, result: CandidateResult) => {
        const createdAt = new Date().toISOString();
        const row = this.#sql.candidateById.get(candidateId);
        if (!row) throw new Error(`no candidate ${candidateId}`);
        if (row.evaluation_id !== null)
          throw new Error(`candidate ${candidateId} already has an evaluation`);
        const evaluationId = insertEvaluation(
          toEvaluationParams(row.program_id, outcome, createdAt),
        );
        const features = result.features === null ? null : JSON.stringify(result.features);
        this.#sql.linkEvaluation.run(
          evaluationId,
          result.fitness,
          features,
          result.reward ?? null,
          candidateId,
        );
        return { ...outcome, id: evaluationId, programId: row.program_id, createdAt };
      },
    );
  }

  create(seed: number, config: Record<string, unknown>): RunRecord {
    const now = new Date().toISOString();
    const id = Number(
      this.#sql.insertRun.run(seed, JSON.stringify(config), now, now).lastInsertRowid,
    );
    return this.get(id) as RunRecord;
  }

  get(id: number): RunRecord | undefined {
    const row = this.#sql.runById.get(id);
    return row && toRun(row);
  }

  latest(): RunRecord | undefined {
    const row = this.#sql.latestRun.get();
    return row && toRun(row);
  }

  list(): RunRecord[] {
    return this.#sql.allRuns.all().map(toRun);
  }

  update(
    id: number,
    patch: Partial<Pick<RunRecord, "status" | "stopReason" | "elapsedMs" | "state">>,
  ): void {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    if (patch.status !== undefined) sets.push("status = ?") && values.push(patch.status);
    if (patch.stopReason !== undefined)
      sets.push("stop_reason = ?") && values.push(patch.stopReason);
    if (patch.elapsedMs !== undefined) sets.push("elapsed_ms = ?") && values.push(patch.elapsedMs);
    if (patch.state !== undefined)
      sets.push("state = ?") && values.push(JSON.stringify(patch.state));
    sets.push("updated_at = ?");
    values.push(new Date().toISOString());
    this.#db.prepare(`UPDATE runs SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
  }

  addCandidate(c: NewCandidate): CandidateRecord {
    const now = new Date().toISOString();
    const { lastInsertRowid } = this.#sql.insertCandidate.run(
      c.runId,
      c.programId,
      c.island,
      c.parentId,
      c.mutator,
      c.operator,
      c.generation,
      c.rationale ?? null,
      c.arm ?? null,
      now,
    );
    return toCandidate(this.#sql.candidateById.get(Number(lastInsertRowid)) as CandidateRow);
  }

  recordEvaluation(
    candidateId: number,
    outcome: EvaluationOutcome,
    result: CandidateResult,
  ): EvaluationRecord {
    return this.#record.immediate(candidateId, outcome, result);
  }

  candidates(runId: number, fromId = 0): CandidateRecord[] {
    return this.#sql.candidatesOf.all(runId, fromId).map(toCandidate);
  }

  countEvaluated(runId: number): number {
    return this.#sql.countEvaluated.get(runId) ?? 0;
  }

  tallies(runId: number): RunTallies {
    const counts = this.#sql.counts.get(runId) ?? { candidates: 0, evaluated: 0 };
    const outcomes: RunTallies["outcomes"] = {};
    for (const row of this.#sql.outcomes.all(runId)) outcomes[row.outcome] = row.n;
    const best = this.#sql.best.get(runId);
    return {
      ...counts,
      outcomes,
      seedFitness: this.#sql.seedFitness.get(runId) ?? null,
      best: best
        ? {
            programId: best.program_id,
            fitness: best.fitness,
            operator: best.operator,
            generation: best.generation,
          }
        : null,
      arms: this.#sql.arms.all(runId),
    };
  }

  firstAtLeast(runId: number, fitness: number) {
    const row = this.#sql.firstAtLeast.get(runId, fitness);
    if (!row) return null;
    return {
      evaluations: this.#sql.evaluatedUpTo.get(runId, row.evaluation_id) ?? 0,
      programId: row.program_id,
      fitness: row.fitness,
    };
  }

  evaluationsByWorker(runId: number): Array<{ worker: EvaluatedBy | null; evaluations: number }> {
    return this.#sql.byWorker.all(runId).map((row) => ({
      worker: workerColumn(row.worker),
      evaluations: row.n,
    }));
  }
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    seed: row.seed,
    config: parseObject(row.config) ?? {},
    status: row.status as RunStatus,
    stopReason: row.stop_reason,
    elapsedMs: row.elapsed_ms,
    state: row.state === null ? null : JSON.parse(row.state),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toCandidate(row: CandidateRow): CandidateRecord {
  return {
    id: row.id,
    runId: row.run_id,
    programId: row.program_id,
    island: row.island,
    parentId: row.parent_id,
    mutator: row.mutator,
    operator: row.operator,
    generation: row.generation,
    evaluationId: row.evaluation_id,
    outcome: row.outcome as OutcomeKind | null,
    metrics: parseObject(row.metrics) as Metrics | null,
    fitness: row.fitness,
    features: parseObject(row.features) as Record<string, number> | null,
    rationale: row.rationale,
    arm: row.arm,
    reward: row.reward,
    sandbox: row.sandbox as SandboxLevel | null,
    createdAt: row.created_at,
  };
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
