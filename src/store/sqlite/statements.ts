/**
 * Every SQL statement the store runs, prepared once per connection. The SQL text
 * is exported so a test can check with EXPLAIN QUERY PLAN that no lookup scans a
 * table.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase } from "./connection.ts";
import type { EvaluationParams, EvaluationRow, ProgramRow } from "./rows.ts";

const PROGRAM_COLUMNS = "id, hash, code, origin, created_at";
const EVALUATION_COLUMNS = `program_id, outcome, metrics, error, mode, split, duration_ms,
  peak_memory_bytes, sandbox, stdout, stderr, artifacts, log, warnings, created_at, worker`;
const EVALUATION_VALUES = EVALUATION_COLUMNS.split(",")
  .map((column) => `@${column.trim()}`)
  .join(", ");

/**
 * The counts read the smallest index whole: O(n), a few milliseconds at 100,000
 * rows, and never on the write path.
 */
export const SQL = {
  insertProgram: "INSERT INTO programs (hash, code, origin, created_at) VALUES (?, ?, ?, ?)",
  programById: `SELECT ${PROGRAM_COLUMNS} FROM programs WHERE id = ?`,
  programByHash: `SELECT ${PROGRAM_COLUMNS} FROM programs WHERE hash = ?`,
  programExists: "SELECT 1 FROM programs WHERE id = ?",
  countPrograms: "SELECT count(*) FROM programs",
  insertParent: "INSERT INTO program_parents (child_id, position, parent_id) VALUES (?, ?, ?)",
  parentsOf: "SELECT parent_id FROM program_parents WHERE child_id = ? ORDER BY position",
  insertEvaluation: `INSERT INTO evaluations (${EVALUATION_COLUMNS}) VALUES (${EVALUATION_VALUES})`,
  evaluationsOf: `SELECT id, ${EVALUATION_COLUMNS} FROM evaluations WHERE program_id = ? ORDER BY id`,
  countEvaluations: "SELECT count(*) FROM evaluations",
} as const;

type Statement<P extends unknown[] | object, R = unknown> = BetterSqlite3.Statement<P, R>;

/** Spelled out (not inferred) so the compiled declarations in dist/ can name it. */
export interface Statements {
  insertProgram: Statement<[string, string, string, string]>;
  programById: Statement<[number], ProgramRow>;
  programByHash: Statement<[string], ProgramRow>;
  programExists: Statement<[number], number>;
  countPrograms: Statement<[], number>;
  insertParent: Statement<[number, number, number]>;
  parentsOf: Statement<[number], number>;
  insertEvaluation: Statement<EvaluationParams>;
  evaluationsOf: Statement<[number], EvaluationRow>;
  countEvaluations: Statement<[], number>;
}

export function prepareStatements(db: SqliteDatabase): Statements {
  return {
    insertProgram: db.prepare<[string, string, string, string]>(SQL.insertProgram),
    programById: db.prepare<[number], ProgramRow>(SQL.programById),
    programByHash: db.prepare<[string], ProgramRow>(SQL.programByHash),
    programExists: db.prepare<[number], number>(SQL.programExists).pluck(),
    countPrograms: db.prepare<[], number>(SQL.countPrograms).pluck(),
    insertParent: db.prepare<[number, number, number]>(SQL.insertParent),
    parentsOf: db.prepare<[number], number>(SQL.parentsOf).pluck(),
    insertEvaluation: db.prepare<EvaluationParams>(SQL.insertEvaluation),
    evaluationsOf: db.prepare<[number], EvaluationRow>(SQL.evaluationsOf),
    countEvaluations: db.prepare<[], number>(SQL.countEvaluations).pluck(),
  };
}
