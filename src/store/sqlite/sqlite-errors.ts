/**
 * Turns whatever SQLite throws into a StewardError("store-failed") that names the
 * file and tells the user what to do. StewardErrors pass through unchanged.
 */
import Database from "better-sqlite3";
import { describeError, StewardError } from "../../errors.ts";

/**
 * @param path the store's file, named in the message
 * @param action what the store was doing, as "while <action>": "opening", "adding a program"
 */
export function sqliteStoreError(path: string, action: string, error: unknown): StewardError {
  if (error instanceof StewardError) return error;
  const code = sqliteCode(error);
  return new StewardError("store-failed", messageFor(code, path, action, error), {
    cause: error,
    isRetryable: code !== undefined && /^SQLITE_(BUSY|LOCKED)/.test(code),
  });
}

/** The extended result code of a SQLite error ("SQLITE_CONSTRAINT_FOREIGNKEY"), if it is one. */
export function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

function messageFor(
  code: string | undefined,
  path: string,
  action: string,
  error: unknown,
): string {
  const family = code?.split("_").slice(0, 2).join("_");
  switch (family) {
    case "SQLITE_NOTADB":
      return `${path} is not a SQLite database, so it cannot be a Steward store: move it away, or point Steward at another file`;
    case "SQLITE_CORRUPT":
      return `the store ${path} is damaged (${code}, while ${action}): restore it from a backup, or move it away to start afresh`;
    case "SQLITE_FULL":
      return `the disk holding the store ${path} is full (while ${action}): free some space and run again; everything written before is kept`;
    case "SQLITE_READONLY":
      return `the store ${path} is read-only (${code}, while ${action}): make the file and its folder writable; SQLite also writes ${path}-wal and ${path}-shm beside it`;
    case "SQLITE_IOERR":
      return `the disk reported an I/O error on the store ${path} (${code}, while ${action}): check the disk, and keep the store on a local file system, not a network share`;
    case "SQLITE_CANTOPEN":
      return `cannot open the store ${path} (while ${action}): check that its folder exists and is writable`;
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return `the store ${path} is locked by another process (while ${action}): wait for it to finish, or stop it, and run again`;
    default:
      return `the store ${path} failed while ${action}: ${describeError(error)}${code === undefined ? "" : ` (${code})`}`;
  }
}
