/**
 * For tests: a problem folder in a temp dir with a real SQLite store and a
 * ledger of a few entries, and ways to tamper with it the way an attacker with
 * write access would (better-sqlite3 on the file, edits to the checkpoint file).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openProblemStore, problemStorePath } from "../store/problem-store.ts";
import { checkpointFilePath } from "./checkpoint-file.ts";
import type { EntryKind } from "./entry-kinds.ts";
import { Ledger } from "./ledger.ts";
import { verifyLedger } from "./verify-ledger.ts";

export const SAMPLE_KINDS: EntryKind[] = [
  "run-start",
  "charter-pin",
  "proposal",
  "gate-result",
  "approval",
  "deploy",
];

/** A fresh problem folder; its ledger holds one entry per kind in `kinds`. */
export function makeProblem(root: string, kinds: EntryKind[] = SAMPLE_KINDS): string {
  const dir = fs.mkdtempSync(path.join(root, "problem-"));
  withLedger(dir, (ledger) => {
    for (const [i, kind] of kinds.entries()) ledger.append(kind, { n: i, note: `entry ${i}` });
  });
  return dir;
}

export function withLedger<T>(dir: string, fn: (ledger: Ledger) => T): T {
  const store = openProblemStore(dir);
  try {
    return fn(new Ledger(store, dir));
  } finally {
    store.close();
  }
}

export function verifyProblem(dir: string) {
  const store = openProblemStore(dir);
  try {
    return verifyLedger(store, dir);
  } finally {
    store.close();
  }
}

/** Runs SQL on the problem's store file behind Steward's back. */
export function tamperDb(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(problemStorePath(dir));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** Rewrites the checkpoint file's lines. */
export function tamperCheckpointFile(dir: string, fn: (lines: string[]) => string[]): void {
  const file = checkpointFilePath(dir);
  const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
  fs.writeFileSync(
    file,
    fn(lines)
      .map((line) => `${line}\n`)
      .join(""),
  );
}

export function tempRoot(prefix = "steward-ledger-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
