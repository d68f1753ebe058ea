import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OUTCOME_KINDS } from "../../evaluation/outcome.ts";
import { outcome, program } from "../contract/store-contract.test-kit.ts";
import { openDatabase, type SqliteDatabase } from "./connection.ts";
import { currentVersion, migrate } from "./migrate.ts";
import { MIGRATIONS, type Migration, V1_OUTCOME_KINDS } from "./migrations.ts";
import { openSqliteStore } from "./sqlite-store.ts";

let dir: string | undefined;
function storePath(): string {
  dir = mkdtempSync(join(tmpdir(), "steward-migrate-"));
  return join(dir, "store.db");
}
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** A database at schema version 1, with one program, a child and an evaluation, written by hand. */
function v1Database(path: string): SqliteDatabase {
  const db = openDatabase(path);
  expect(migrate(db, path, MIGRATIONS.slice(0, 1))).toBe(1);
  const insert = db.prepare(
    "INSERT INTO programs (hash, code, origin, created_at) VALUES (?, ?, ?, ?)",
  );
  const at = "2025-01-02T03:04:05.678Z";
  insert.run(program("v1 parent").hash, "v1 parent", "seed", at);
  insert.run(program("v1 child").hash, "v1 child", "mutator", at);
  db.prepare("INSERT INTO program_parents VALUES (2, 0, 1)").run();
  db.prepare(`INSERT INTO evaluations (program_id, outcome, metrics, error, mode, split, duration_ms,
      peak_memory_bytes, sandbox, stdout, stderr, artifacts, log, warnings, created_at)
    VALUES (2, 'ok', '{"score":0.5}', NULL, 'search', 'train', 12.5, NULL, 'process', 'out', '',
      '{"k":[1]}', '["a"]', '["w"]', ?)`).run(at);
  return db;
}

describe("migrate", () => {
  it("opens a version 1 database with the full list and keeps its data", () => {
    const path = storePath();
    v1Database(path).close();

    const store = openSqliteStore(path);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.getProgram(2)).toMatchObject({
      code: "v1 child",
      parentIds: [1],
      origin: "mutator",
    });
    expect(store.listEvaluations(2)).toStrictEqual([
      {
        ...outcome({ metrics: { score: 0.5 }, durationMs: 12.5, peakMemoryBytes: null }),
        sandbox: "process",
        stdout: "out",
        artifacts: { k: [1] },
        log: ["a"],
        warnings: ["w"],
        id: 1,
        programId: 2,
        createdAt: "2025-01-02T03:04:05.678Z",
      },
    ]);
    expect(store.addProgram(program("v1 parent")).created).toBe(false);
    store.close();
  });

  it("applies only the migrations a database lacks, recording when", () => {
    const path = storePath();
    const db = v1Database(path);
    const v2: Migration = {
      version: MIGRATIONS.length + 1,
      name: "add-program-notes",
      up: (d) => d.exec("ALTER TABLE programs ADD COLUMN notes TEXT NOT NULL DEFAULT ''"),
    };
    const before = Date.now();
    expect(migrate(db, path, [...MIGRATIONS, v2])).toBe(v2.version);
    expect(migrate(db, path, [...MIGRATIONS, v2])).toBe(v2.version);
    const rows = db
      .prepare<[], { version: number; name: string; applied_at: string }>(
        "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
      )
      .all();
    expect(rows.map((r) => [r.version, r.name])).toStrictEqual([
      ...MIGRATIONS.map((m) => [m.version, m.name]),
      [v2.version, "add-program-notes"],
    ]);
    expect(Date.parse(rows.at(-1)?.applied_at ?? "")).toBeGreaterThanOrEqual(before - 1000);
    expect(db.prepare("SELECT code, notes FROM programs WHERE id = 1").get()).toStrictEqual({
      code: "v1 parent",
      notes: "",
    });
    db.close();
  });

  it("rolls back a migration that fails, leaving the version unchanged", () => {
    const path = storePath();
    const db = v1Database(path);
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: "broken",
      up: (d) => {
        d.exec("CREATE TABLE half_done (id INTEGER)");
        d.exec("THIS IS NOT SQL");
      },
    };
    expect(() => migrate(db, path, [...MIGRATIONS, broken])).toThrow(
      expect.objectContaining({
        code: "store-failed",
        message: expect.stringContaining(
          `upgrading its schema to version ${broken.version} (broken)`,
        ),
      }),
    );
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(
      db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").get(),
    ).toBeUndefined();
    db.close();
  });

  it("rejects a migration list out of order", () => {
    const path = storePath();
    const db = openDatabase(path);
    const skipped: Migration = { version: MIGRATIONS.length + 2, name: "skipped", up: () => {} };
    expect(() => migrate(db, path, [...MIGRATIONS, skipped])).toThrow(/expected/);
    db.close();
  });

  it("allows exactly the outcome kinds the engine knows (a new kind needs a migration)", () => {
    expect([...V1_OUTCOME_KINDS]).toStrictEqual([...OUTCOME_KINDS]);
  });
});
