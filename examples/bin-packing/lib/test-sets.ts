/**
 * The paper's public test sets (OR3 and Weibull 5k), read from
 * data/test/funsearch-or3-weibull5k.json. Only the "test" split reads them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Instance } from "./instance.ts";

export const TEST_SETS_FILE = join("test", "funsearch-or3-weibull5k.json");

export interface TestSets {
  or3: Instance[];
  weibull5k: Instance[];
}

function isInstance(value: unknown): value is Instance {
  if (typeof value !== "object" || value === null) return false;
  const { name, capacity, items } = value as Record<string, unknown>;
  return (
    typeof name === "string" &&
    typeof capacity === "number" &&
    capacity > 0 &&
    Array.isArray(items) &&
    items.every((item) => Number.isInteger(item) && item > 0 && item <= capacity)
  );
}

function readSet(datasets: Record<string, unknown>, key: string, file: string): Instance[] {
  const set = datasets[key];
  if (!Array.isArray(set) || set.length === 0 || !set.every(isInstance)) {
    throw new Error(`${file}: datasets["${key}"] is not a list of {name, capacity, items}`);
  }
  return set;
}

/** Loads both sets from a problem's data folder; throws with the file name if malformed. */
export function loadTestSets(dataDir: string): TestSets {
  const file = join(dataDir, TEST_SETS_FILE);
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  const datasets = (parsed as { datasets?: unknown } | null)?.datasets;
  if (typeof datasets !== "object" || datasets === null) {
    throw new Error(`${file}: no "datasets" object`);
  }
  const record = datasets as Record<string, unknown>;
  return { or3: readSet(record, "OR3", file), weibull5k: readSet(record, "Weibull 5k", file) };
}
