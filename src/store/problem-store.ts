/** Where a problem's store lives: PROBLEM/.steward/steward.db. */
import path from "node:path";
import { openSqliteStore } from "./sqlite/sqlite-store.ts";
import type { Store } from "./store.ts";

export function problemStorePath(problemDir: string): string {
  return path.join(problemDir, ".steward", "steward.db");
}

export function openProblemStore(problemDir: string): Store {
  return openSqliteStore(problemStorePath(problemDir));
}
