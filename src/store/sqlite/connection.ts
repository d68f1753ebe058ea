/**
 * Opening the SQLite file behind a store: its folder, its pragmas, and why.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { describeError, StewardError } from "../../errors.ts";
import { sqliteStoreError } from "./sqlite-errors.ts";

export type SqliteDatabase = Database.Database;

/** How long a write waits for another connection's lock before failing as busy. */
const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if missing) the database file at `path` and its folder. */
export function openDatabase(path: string): SqliteDatabase {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new StewardError(
      "store-failed",
      `cannot create the folder for the store ${path}: ${describeError(error)}; check the path and its permissions`,
      { cause: error },
    );
  }
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    configure(db, path);
    return db;
  } catch (error) {
    db?.close();
    throw sqliteStoreError(path, "opening", error);
  }
}

function configure(db: SqliteDatabase, path: string): void {
  // The first statement reads the file header, so a file that is not a database
  // fails here with SQLITE_NOTADB.
  const mode = db.pragma("journal_mode = WAL", { simple: true });
  if (mode !== "wal") {
    throw new StewardError(
      "store-failed",
      `the store ${path} cannot use SQLite's write-ahead log (journal mode stayed "${String(mode)}"): keep the store on a local file system`,
    );
  }
  // synchronous = NORMAL. In WAL mode a commit appends its pages to the -wal file
  // with write() before the call returns, so a committed write sits in the OS page
  // cache and survives the process being killed (kill -9, the OOM killer); only an
  // OS crash or power loss can drop the last few commits, and never corrupts the
  // file. FULL would add an fsync to every commit (about a millisecond each, paid
  // 100,000 times in a long run); switch to FULL when power-loss durability matters.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
}
