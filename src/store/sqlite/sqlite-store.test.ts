import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { describeStoreContract, outcome, program } from "../contract/store-contract.test-kit.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import { SQL } from "./statements.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "steward-store-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract("sqlite", () => {
  const store = openSqliteStore(join(tempDir(), "store.db"));
  return { store, cleanup: () => store.close() };
});

describe("openSqliteStore", () => {
  it("creates missing folders and keeps data across a reopen", () => {
    const path = join(tempDir(), "a", "b", "store.db");
    const first = openSqliteStore(path);
    const added = first.addProgram(program("kept", undefined, "cli")).program;
    const evaluation = first.addEvaluation(added.id, outcome());
    first.close();

    const again = openSqliteStore(path);
    expect(again.getProgram(added.id)).toStrictEqual(added);
    expect(again.listEvaluations(added.id)).toStrictEqual([evaluation]);
    expect(again.addProgram(program("kept")).created).toBe(false);
    again.close();
  });

  it("puts the file in WAL mode", () => {
    const path = join(tempDir(), "store.db");
    openSqliteStore(path).close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("refuses a file that is not a SQLite database, naming it", () => {
    const path = join(tempDir(), "notes.db");
    writeFileSync(path, "these are my notes, not a database\n".repeat(50));
    expect(() => openSqliteStore(path)).toThrow(
      expect.objectContaining({
        code: "store-failed",
        message: expect.stringMatching(/notes\.db is not a SQLite database.*move it away/),
      }),
    );
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("refuses a SQLite database that is not a Steward store", () => {
    const path = join(tempDir(), "other.db");
    const raw = new Database(path);
    raw.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(
      /other\.db is a SQLite database but not a Steward store/,
    );
  });

  it("refuses a store written by a newer Steward, telling the user to upgrade", () => {
    const path = join(tempDir(), "store.db");
    const store = openSqliteStore(path);
    const future = store.schemaVersion + 1;
    store.close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO schema_migrations VALUES (?, 'from-the-future', '2099-01-01')")
      .run(future);
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(
      expect.objectContaining({
        code: "store-failed",
        message: expect.stringMatching(
          new RegExp(`newer Steward \\(schema version ${future};.*upgrade Steward`),
        ),
      }),
    );
  });

  it("explains a folder that cannot be created", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    expect(() => openSqliteStore(join(dir, "file", "store.db"))).toThrow(
      expect.objectContaining({
        code: "store-failed",
        message: expect.stringContaining("cannot create the folder"),
      }),
    );
  });

  it("fails a call on a closed store with a store-failed error", () => {
    const store = openSqliteStore(join(tempDir(), "store.db"));
    store.close();
    store.close();
    expect(() => store.countPrograms()).toThrow(expect.objectContaining({ code: "store-failed" }));
  });

  it("looks rows up through indexes, never by scanning a table", () => {
    // 100,000 programs: every lookup on the write path must stay O(log n).
    const path = join(tempDir(), "store.db");
    openSqliteStore(path).close();
    const raw = new Database(path, { readonly: true });
    const lookups = [
      SQL.programById,
      SQL.programByHash,
      SQL.programExists,
      SQL.parentsOf,
      SQL.evaluationsOf,
    ];
    for (const sql of lookups) {
      const plan = raw.prepare<[null], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(null);
      const steps = plan.map((step) => step.detail).join("; ");
      expect(steps).toMatch(/^SEARCH /);
      expect(steps).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    }
    raw.close();
  });
});
