import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { StewardError } from "../../errors.ts";
import { sqliteStoreError } from "./sqlite-errors.ts";

const PATH = "/data/problem/store.db";
const failure = (code: string) => new Database.SqliteError(`sqlite said ${code}`, code);

describe("sqliteStoreError", () => {
  it.each([
    ["SQLITE_NOTADB", /store\.db is not a SQLite database.*move it away/],
    ["SQLITE_CORRUPT", /is damaged.*restore it from a backup/],
    ["SQLITE_FULL", /disk holding the store \/data\/problem\/store\.db is full.*free some space/],
    ["SQLITE_READONLY", /is read-only.*make the file and its folder writable.*store\.db-wal/],
    ["SQLITE_READONLY_DBMOVED", /is read-only \(SQLITE_READONLY_DBMOVED/],
    ["SQLITE_IOERR_WRITE", /I\/O error.*SQLITE_IOERR_WRITE.*check the disk/],
    ["SQLITE_CANTOPEN", /cannot open the store.*writable/],
    ["SQLITE_BUSY", /locked by another process.*run again/],
    [
      "SQLITE_MISUSE",
      /failed while adding a program: SqliteError: sqlite said SQLITE_MISUSE \(SQLITE_MISUSE\)/,
    ],
  ])("explains %s, naming the file", (code, message) => {
    const error = sqliteStoreError(PATH, "adding a program", failure(code));
    expect(error).toBeInstanceOf(StewardError);
    expect(error.code).toBe("store-failed");
    expect(error.message).toMatch(message);
    expect(error.message).toContain(PATH);
    expect(error.cause).toBeInstanceOf(Database.SqliteError);
  });

  it("marks only lock contention as retryable", () => {
    expect(sqliteStoreError(PATH, "x", failure("SQLITE_BUSY_SNAPSHOT")).isRetryable).toBe(true);
    expect(sqliteStoreError(PATH, "x", failure("SQLITE_FULL")).isRetryable).toBe(false);
  });

  it("passes StewardErrors through unchanged", () => {
    const original = new StewardError("store-failed", "already explained");
    expect(sqliteStoreError(PATH, "x", original)).toBe(original);
  });

  it("recognises a real disk-full error", () => {
    const db = new Database(":memory:");
    db.pragma("max_page_count = 2");
    db.exec("CREATE TABLE t (x TEXT)");
    let thrown: unknown;
    try {
      db.prepare("INSERT INTO t VALUES (?)").run("x".repeat(100_000));
    } catch (error) {
      thrown = error;
    }
    db.close();
    expect(sqliteStoreError(PATH, "adding a program", thrown).message).toMatch(/is full/);
  });
});
