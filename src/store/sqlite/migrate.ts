/**
 * Brings a database's schema up to the newest migration this Steward knows, and
 * refuses databases written by a newer Steward.
 */
import { StewardError } from "../../errors.ts";
import type { SqliteDatabase } from "./connection.ts";
import { MIGRATIONS, type Migration } from "./migrations.ts";
import { sqliteStoreError } from "./sqlite-errors.ts";

/**
 * Applies the migrations `db` has not seen, each in its own IMMEDIATE transaction
 * (so two processes opening the same file cannot both apply one), and records
 * each with the time it was applied. Returns the schema version reached.
 */
export function migrate(
  db: SqliteDatabase,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  try {
    ensureMigrationsTable(db, path);
  } catch (error) {
    throw sqliteStoreError(path, "reading its schema version", error);
  }
  const found = currentVersion(db);
  if (found > latest) {
    throw new StewardError(
      "store-failed",
      `the store ${path} was written by a newer Steward (schema version ${found}; this Steward knows up to ${latest}): upgrade Steward to open it`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= found) continue;
    try {
      db.transaction(() => apply(db, migration)).immediate();
    } catch (error) {
      const action = `upgrading its schema to version ${migration.version} (${migration.name})`;
      throw sqliteStoreError(path, action, error);
    }
  }
  return currentVersion(db);
}

function apply(db: SqliteDatabase, migration: Migration): void {
  // Another process may have applied it since we looked.
  if (currentVersion(db) >= migration.version) return;
  migration.up(db);
  db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
    migration.version,
    migration.name,
    new Date().toISOString(),
  );
}

/** The highest migration recorded in `db`, 0 for a new database. */
export function currentVersion(db: SqliteDatabase): number {
  const row = db
    .prepare<[], { version: number | null }>(
      "SELECT max(version) AS version FROM schema_migrations",
    )
    .get();
  return row?.version ?? 0;
}

function ensureMigrationsTable(db: SqliteDatabase, path: string): void {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all()
    .map((row) => row.name);
  if (tables.length > 0 && !tables.includes("schema_migrations")) {
    throw new StewardError(
      "store-failed",
      `${path} is a SQLite database but not a Steward store (it has tables ${tables.slice(0, 5).join(", ")} and no schema_migrations): point Steward at another file`,
    );
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )
  `);
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
