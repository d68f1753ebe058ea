/**
 * The store: everything a problem's runs produce, kept in one place per problem.
 *
 * The embedded implementation is SQLite (`sqlite-store.ts`); every implementation
 * passes the contract suite in `contract/` (programs, evaluations, runs,
 * oversight, ledger and LLM calls, transactions). Calls are synchronous: the
 * store is local to the coordinating engine, and a write that returned is durable.
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
