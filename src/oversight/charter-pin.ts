/**
 * The pinned charter: the hashes of the files that define what "better" means
 * and how candidates are made. A run checks them at its start, before every
 * evaluation and gate run, and when it acknowledges an evaluation; any
 * difference halts it until a person accepts the change with
 * `steward charter accept`. Pinned, relative to the problem folder:
 * - the charter (steward.yaml);
 * - the evaluator and the driver with every file they import, transitively,
 *   found as the loader finds them (src/problem/import-closure.ts): `lib/verify.ts` is as
 *   trusted as `evaluate.ts`. A file imported from outside the folder is named
 *   with its `../` path; packages are not problem files;
 * - the mutator modules the charter names (`mutators: - module:`) and their
 *   imports, the same way: they decide how candidates are made;
 * - everything under data/ and prompts/ (LLM prompt overrides), symbolic links
 *   included (pinned-tree.ts).
 * Never the program: that is what evolves.
 */
import fs from "node:fs";
import path from "node:path";
import { importSpecifiers, isCode, walkImportClosure } from "../problem/import-closure.ts";
import type { Problem } from "../problem/load-problem.ts";
import { FileHashes } from "./file-hashes.ts";
import { hashTree } from "./pinned-tree.ts";

/** Relative path (with "/") -> lowercase hex SHA-256. */
export type PinnedFiles = Record<string, string>;

export interface PinChange {
  file: string;
  change: "changed" | "added" | "removed";
}

/** The folders whose whole content is pinned. */
export const PINNED_FOLDERS = ["data", "prompts"] as const;

/** The files a problem pins now, relative to its folder, sorted. */
export function pinnedPaths(problem: Problem): string[] {
  return Object.keys(new PinWatcher(problem).current()).sort();
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

/** Keeps the files' hashes (and the imports of each code file) between checks. */
export class PinWatcher {
  readonly #problem: Problem;
  readonly #hashes: FileHashes;
  /** A code file's import specifiers by its content hash: parsed once per version. */
  readonly #imports = new Map<string, string[]>();

  constructor(problem: Problem, hashes: FileHashes = new FileHashes()) {
    this.#problem = problem;
    this.#hashes = hashes;
  }

  /** The current hashes, re-reading only files whose metadata changed. */
  current(): PinnedFiles {
    const { dir, charterPath, evaluatorPath, driverPath, mutatorModulePaths } = this.#problem;
    const files: PinnedFiles = {};
    const charter = this.#hashes.hash(charterPath);
    if (charter !== null)
      files[path.relative(dir, charterPath).split(path.sep).join("/")] = charter;
    for (const folder of PINNED_FOLDERS) {
      hashTree(path.join(dir, folder), folder, this.#hashes, files);
    }
    this.#closure(
      [evaluatorPath, ...(driverPath ? [driverPath] : []), ...mutatorModulePaths],
      files,
    );
    return sortKeys(files);
  }

  /** Adds the roots and everything they import (files already pinned keep their entry). */
  #closure(roots: string[], files: PinnedFiles): void {
    const realDir = realpath(this.#problem.dir) ?? this.#problem.dir;
    walkImportClosure(roots, (real) => {
      const hash = this.#hashes.hash(real);
      if (hash === null) return null;
      files[relativeKey(realDir, real)] ??= hash;
      return isCode(real) ? this.#specifiers(real, hash) : [];
    });
  }

  #specifiers(file: string, hash: string): string[] {
    let specifiers = this.#imports.get(hash);
    if (specifiers === undefined) {
      let source: string;
      try {
        source = fs.readFileSync(file, "utf8");
      } catch {
        return [];
      }
      specifiers = importSpecifiers(source);
      if (this.#imports.size > 4096) this.#imports.clear();
      this.#imports.set(hash, specifiers);
    }
    return specifiers;
  }
}

function relativeKey(from: string, file: string): string {
  return path.relative(from, file).split(path.sep).join("/");
}

function realpath(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

function sortKeys(files: PinnedFiles): PinnedFiles {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}
