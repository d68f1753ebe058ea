/**
 * The embedded store: one SQLite file per problem, through better-sqlite3.
 * Calls are synchronous; a call that returned has committed (see `connection.ts`
 * for what that guarantees).
 */
import { resolve } from "node:path";
import type { Transaction } from "better-sqlite3";
import { StewardError } from "../../errors.ts";
import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import type { LedgerStore } from "../ledger-store.ts";
import type { LlmStore } from "../llm-store.ts";
import type { OversightStore } from "../oversight-store.ts";
import type { RunStore } from "../run-store.ts";
import type { EvaluationRecord, NewProgram, ProgramRecord, Store } from "../store.ts";
import { openDatabase, type SqliteDatabase } from "./connection.ts";
import { migrate } from "./migrate.ts";
import { toEvaluationParams, toEvaluationRecord, toProgramRecord } from "./rows.ts";
import { sqliteCode, sqliteStoreError } from "./sqlite-errors.ts";
import { SqliteLedger } from "./sqlite-ledger.ts";
import { SqliteLlm } from "./sqlite-llm.ts";
import { SqliteOversight } from "./sqlite-oversight.ts";
import { SqliteRuns } from "./sqlite-runs.ts";
import { prepareStatements, type Statements } from "./statements.ts";

/**
 * Opens the store at `path`, creating the file and its folder if missing and
 * bringing an older schema up to date. Throws StewardError("store-failed") for a
 * file that is not a store, a store from a newer Steward, or any SQLite failure.
 */
export function openSqliteStore(path: string): Store {
  const file = resolve(path);
  const db = openDatabase(file);
  try {
    return new SqliteStore(db, file, migrate(db, file));
  } catch (error) {
    db.close();
    throw sqliteStoreError(file, "opening", error);
  }
}

type AddResult = ReturnType<Store["addProgram"]>;

class SqliteStore implements Store {
  readonly schemaVersion: number;
  readonly runs: RunStore;
  readonly ledger: LedgerStore;
  readonly oversight: OversightStore;
  readonly llm: LlmStore;
  readonly #db: SqliteDatabase;
  readonly #afterCommit: Array<() => void> = [];
  readonly #path: string;
  readonly #sql: Statements;
  readonly #add: Transaction<(program: NewProgram) => AddResult>;

  constructor(db: SqliteDatabase, path: string, schemaVersion: number) {
    this.#db = db;
    this.#path = path;
    this.schemaVersion = schemaVersion;
    this.#sql = prepareStatements(db);
    this.#add = db.transaction((program: NewProgram) => this.#addProgram(program));
    const runs = new SqliteRuns(db, (params) =>
      Number(this.#sql.insertEvaluation.run(params).lastInsertRowid),
    );
    this.runs = guarded(runs, (action, run) => this.#guard(action, run));
    const guard = (action: string, run: () => unknown) => this.#guard(action, run);
    this.ledger = guarded(new SqliteLedger(db), guard);
    this.oversight = guarded(new SqliteOversight(db), guard);
    this.llm = guarded(new SqliteLlm(db), guard);
  }

  transaction<T>(fn: () => T): T {
    if (this.#db.inTransaction) return fn();
    let result: T;
    try {
      result = this.#guard("writing a transaction", () => this.#db.transaction(fn).immediate());
    } catch (error) {
      this.#afterCommit.length = 0;
      throw error;
    }
    for (const callback of this.#afterCommit.splice(0)) callback();
    return result;
  }

  afterCommit(fn: () => void): void {
    if (this.#db.inTransaction) this.#afterCommit.push(fn);
    else fn();
  }

  addProgram(program: NewProgram): AddResult {
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads
    // and then writes can fail as busy at once when another process writes.
    return this.#guard("adding a program", () => this.#add.immediate(program));
  }

  getProgram(id: number): ProgramRecord | undefined {
    return this.#guard("reading a program", () => {
      const row = this.#sql.programById.get(id);
      return row && toProgramRecord(row, this.#sql.parentsOf.all(row.id));
    });
  }

  getProgramByHash(hash: string): ProgramRecord | undefined {
    return this.#guard("reading a program", () => this.#programByHash(hash));
  }

  countPrograms(): number {
    return this.#guard("counting programs", () => this.#sql.countPrograms.get() ?? 0);
  }

  addEvaluation(programId: number, outcome: EvaluationOutcome): EvaluationRecord {
    return this.#guard("recording an evaluation", () => {
      const createdAt = new Date().toISOString();
      try {
        const { lastInsertRowid } = this.#sql.insertEvaluation.run(
          toEvaluationParams(programId, outcome, createdAt),
        );
        return { ...outcome, id: Number(lastInsertRowid), programId, createdAt };
      } catch (error) {
        if (sqliteCode(error) !== "SQLITE_CONSTRAINT_FOREIGNKEY") throw error;
        throw new StewardError(
          "store-failed",
          `cannot record an evaluation of program ${programId}: no such program in the store ${this.#path}; add the program first`,
          { cause: error },
        );
      }
    });
  }

  listEvaluations(programId: number): EvaluationRecord[] {
    return this.#guard("reading evaluations", () =>
      this.#sql.evaluationsOf.all(programId).map(toEvaluationRecord),
    );
  }

  countEvaluations(): number {
    return this.#guard("counting evaluations", () => this.#sql.countEvaluations.get() ?? 0);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #addProgram(program: NewProgram): AddResult {
    const existing = this.#programByHash(program.hash);
    if (existing) return { program: existing, created: false };
    const parentIds = [...(program.parentIds ?? [])];
    const missing = parentIds.filter((id) => this.#sql.programExists.get(id) === undefined);
    if (missing.length > 0) {
      throw new StewardError(
        "store-failed",
        `cannot add program ${program.hash.slice(0, 12)}: its parent program(s) ${missing.join(", ")} are not in the store ${this.#path}; add parents before their children`,
      );
    }
    const createdAt = new Date().toISOString();
    const { hash, code, origin } = program;
    const id = Number(this.#sql.insertProgram.run(hash, code, origin, createdAt).lastInsertRowid);
    for (const [position, parentId] of parentIds.entries()) {
      this.#sql.insertParent.run(id, position, parentId);
    }
    return { program: { id, hash, code, parentIds, origin, createdAt }, created: true };
  }

  #programByHash(hash: string): ProgramRecord | undefined {
    const row = this.#sql.programByHash.get(hash);
    return row && toProgramRecord(row, this.#sql.parentsOf.all(row.id));
  }

  #guard<T>(action: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw sqliteStoreError(this.#path, action, error);
    }
  }
}

/** Wraps every method so SQLite errors become StewardErrors naming the store. */
function guarded<T extends object>(
  target: T,
  guard: (action: string, run: () => unknown) => unknown,
): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => guard(`store ${String(key)}`, () => value.apply(object, args));
    },
  });
}
