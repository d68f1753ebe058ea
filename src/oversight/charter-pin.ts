/**
 * The pinned charter: the hashes of the files that define what "better" means
 * (the charter, the evaluator, the driver and the evaluator's data). A run
 * checks them before every evaluation; any difference halts it until a person
 * accepts the change with `steward charter accept`.
 *
 * Re-hashing every file before every evaluation would cost more than the
 * evaluation for big data folders, so a watcher re-hashes only files whose
 * size, modification time or inode changed since it last hashed them.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Problem } from "../problem/load-problem.ts";

/** Relative path (with "/") -> lowercase hex SHA-256. */
export type PinnedFiles = Record<string, string>;

export interface PinChange {
  file: string;
  change: "changed" | "added" | "removed";
}

/**
 * The files a problem pins, relative to its folder, sorted. A charter, evaluator
 * or driver that has gone missing since loading is reported by the watcher as
 * removed.
 */
export function pinnedPaths(problem: Problem): string[] {
  const { dir } = problem;
  const files = [problem.charterPath, problem.evaluatorPath];
  if (problem.driverPath) files.push(problem.driverPath);
  files.push(...listFiles(problem.dataDir));
  const relative = files.map((file) => path.relative(dir, file).split(path.sep).join("/"));
  return [...new Set(relative)].sort();
}

export function diffPins(pinned: PinnedFiles, current: PinnedFiles): PinChange[] {
  const changes: PinChange[] = [];
  for (const [file, hash] of Object.entries(pinned)) {
    if (!(file in current)) changes.push({ file, change: "removed" });
    else if (current[file] !== hash) changes.push({ file, change: "changed" });
  }
  for (const file of Object.keys(current))
    if (!(file in pinned)) changes.push({ file, change: "added" });
  return changes.sort((a, b) => a.file.localeCompare(b.file));
}

export function describePinChanges(changes: readonly PinChange[]): string {
  return changes.map((c) => `${c.file} (${c.change})`).join(", ");
}

interface Seen {
  size: number;
  mtimeNs: bigint;
  ino: number;
  hash: string;
}

export class PinWatcher {
  readonly #problem: Problem;
  readonly #seen = new Map<string, Seen>();

  constructor(problem: Problem) {
    this.#problem = problem;
  }

  /** The current hashes, re-reading only files whose metadata changed. */
  current(): PinnedFiles {
    const files: PinnedFiles = {};
    for (const relative of pinnedPaths(this.#problem)) {
      const hash = this.#hash(relative);
      if (hash !== null) files[relative] = hash;
    }
    return files;
  }

  #hash(relative: string): string | null {
    const file = path.join(this.#problem.dir, relative);
    let stat: fs.BigIntStats;
    try {
      stat = fs.statSync(file, { bigint: true });
    } catch {
      return null;
    }
    const seen = this.#seen.get(relative);
    const size = Number(stat.size);
    const ino = Number(stat.ino);
    if (seen && seen.size === size && seen.mtimeNs === stat.mtimeNs && seen.ino === ino) {
      return seen.hash;
    }
    const hash = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    this.#seen.set(relative, { size, mtimeNs: stat.mtimeNs, ino, hash });
    return hash;
  }
}

function listFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}
