/**
 * Waiting on what can be observed, not on the clock. A test that sleeps a fixed
 * time and then asserts passes only on a machine as fast as the author's; these
 * helpers poll a condition (a row exists, a line was printed, a process exited)
 * and give up only after a generous outer limit, naming what never happened.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { problemStorePath } from "../../src/store/problem-store.ts";

/** The outer limit: long enough for a machine whose cores are all busy elsewhere (a CPU hog on every core plus other test sessions made a 40-evaluation run take over 2 minutes). */
export const PATIENCE_MS = 180_000;

export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = PATIENCE_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Reads a problem's store through a read-only connection, so polling never
 * takes a write lock from the run being watched. `fallback` while the store
 * or what `read` asks for does not exist yet.
 */
function readStore<T>(problemDir: string, fallback: T, read: (db: Database.Database) => T): T {
  const file = problemStorePath(problemDir);
  if (!fs.existsSync(file)) return fallback;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return read(db);
  } catch {
    return fallback;
  } finally {
    db?.close();
  }
}

/** Counts rows of a table in a problem's store; 0 while the store or the table does not exist yet. */
export function storedRows(problemDir: string, table: "runs" | "candidates" | "evaluations") {
  return readStore(
    problemDir,
    0,
    (db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  );
}

/** The latest run's saved engine state (mutator rates, refusals...); null before there is one. */
export function latestRunState(problemDir: string): unknown {
  return readStore(problemDir, null, (db) => {
    const row = db.prepare("SELECT state FROM runs ORDER BY id DESC LIMIT 1").get() as
      | { state: string | null }
      | undefined;
    return row?.state ? JSON.parse(row.state) : null;
  });
}
