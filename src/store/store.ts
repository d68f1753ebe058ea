/**
 * The store contract: everything a problem's runs produce, kept in one place
 * per problem (programs, evaluations, runs and their candidates, oversight
 * rows, ledger rows, LLM calls). The engine, oversight, the ledger and the
 * CLI read and write only through it.
 *
 * The embedded implementation is SQLite (`sqlite/sqlite-store.ts`); every
 * implementation passes the suite in `contract/` (programs, evaluations, runs,
 * oversight, ledger, LLM calls, transactions) with a two-line spec file
 * (`sqlite/sqlite-store.test.ts`).
 *
 * What a store promises:
 * - calls are synchronous and a write that returned is durable: a `kill -9`
 *   right after it loses nothing (the engine relies on it to evaluate each
 *   candidate once across crashes);
 * - ids grow in the order rows were added, and lists come back in that order
 *   (replaying candidates in order rebuilds the population);
 * - programs are unique by hash (`addProgram` returns the stored one);
 * - `transaction` is all or nothing: oversight and ledger rows written in one
 *   are found together or not at all (src/oversight/store-binding.ts checks it).
 *
 * What a store may throw: a StewardError with code "store-failed" that names
 * the file and what to do (disk full, read-only, damaged, locked by another
 * process: `isRetryable` is true only for the lock), also for a broken
 * precondition such as a parent id that does not exist or a candidate linked
 * to a second evaluation. A lookup that finds nothing returns undefined rather
 * than throwing.
 *
 * A store must never:
 * - change or delete a ledger row, an evaluation or a verdict once written
 *   (the ledger and its binding to the store detect it, but the store must
 *   not be the one doing it);
 * - run side effects of `afterCommit` before the commit, or after a rollback;
 * - hold code of its own that candidates can reach: it lives in the problem's
 *   `.steward/` folder, which every sandbox hides.
 */
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { LedgerStore } from "./ledger-store.ts";
import type { LlmStore } from "./llm-store.ts";
import type { OversightStore } from "./oversight-store.ts";
import type { EvaluationRecord, NewProgram, ProgramRecord } from "./records.ts";
import type { RunStore } from "./run-store.ts";

export type { EvaluationRecord, NewProgram, ProgramRecord } from "./records.ts";

export interface Store {
  /** The schema version this store is at after its migrations ran. */
  readonly schemaVersion: number;
  /**
   * Adds a program, or returns the one already stored with the same hash
   * (`created` says which). Parent ids must exist.
   */
  addProgram(program: NewProgram): { program: ProgramRecord; created: boolean };
  getProgram(id: number): ProgramRecord | undefined;
  getProgramByHash(hash: string): ProgramRecord | undefined;
  countPrograms(): number;
  /** Records one evaluation of a stored program. */
  addEvaluation(programId: number, outcome: EvaluationOutcome): EvaluationRecord;
  /** A program's evaluations, oldest first. */
  listEvaluations(programId: number): EvaluationRecord[];
  countEvaluations(): number;
  /** Evolution runs and their candidates. */
  readonly runs: RunStore;
  /** The ledger's raw rows (hashing and verification: src/ledger). */
  readonly ledger: LedgerStore;
  /** Pinned charter files, champions, proposals and verdicts. */
  readonly oversight: OversightStore;
  /** LLM calls and meta-notes. */
  readonly llm: LlmStore;
  /**
   * Runs `fn` in one write transaction (IMMEDIATE): every store write inside it
   * commits together or not at all. Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` once the current transaction has committed (at once outside a
   * transaction); never if it rolls back. For side effects outside the store
   * that must not run ahead of it, such as the ledger's checkpoint file.
   */
  afterCommit(fn: () => void): void;
  close(): void;
}
