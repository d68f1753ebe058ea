/**
 * The folders outside a problem folder that hold its trusted files: modules the
 * evaluator or driver imports from elsewhere (`../shared/packing.ts`) and the
 * targets of links in `data/` and `prompts/`. The sandbox hides them as it
 * hides the problem folder itself: they matter only when they lie inside the
 * candidate's read-only view of the system (a Docker image's /usr/src/app,
 * say), where the evaluator's helpers or holdout data would otherwise be
 * readable.
 *
 * Found as the loader and the charter pin find them (import-closure.ts);
 * packages (`node_modules`) are not problem files. A folder the candidate
 * needs to run at all (the system's binaries and libraries, Node's own
 * folder) is never returned, whatever a problem imports from there.
 */
import fs from "node:fs";
import path from "node:path";
import { importSpecifiers, isCode, walkImportClosure } from "./import-closure.ts";
import type { Problem } from "./load-problem.ts";

/** Folders whose content a candidate may need to start: none of them, nor a folder above one, is hidden. */
const NEEDED = [
  "/bin",
  "/lib",
  "/lib32",
  "/lib64",
  "/etc",
  "/usr/bin",
  "/usr/lib",
  "/usr/lib32",
  "/usr/lib64",
  "/usr/libexec",
  "/usr/share",
  "/usr/local/bin",
  "/usr/local/lib",
];

const cache = new WeakMap<Problem, string[]>();

/**
 * The folders outside `problem.dir` holding its trusted files, real paths,
 * outermost only. Found once per loaded problem: a run that changes them halts
 * on the charter pin anyway.
 */
export function trustedFoldersOutside(problem: Problem): string[] {
  let folders = cache.get(problem);
  if (folders === undefined) {
    folders = find(problem);
    cache.set(problem, folders);
  }
  return folders;
}

function find(problem: Problem): string[] {
  const inside = realpath(problem.dir) ?? problem.dir;
  const found = new Set<string>();
  const note = (file: string, isFolder: boolean) => {
    if (within(file, inside)) return;
    const folder = isFolder ? file : path.dirname(file);
    if (!needed(folder)) found.add(folder);
  };
  const roots = [
    problem.evaluatorPath,
    ...(problem.driverPath ? [problem.driverPath] : []),
    ...problem.mutatorModulePaths,
  ];
  for (const file of importClosure(roots)) note(file, false);
  for (const folder of ["data", "prompts"]) linkTargets(path.join(problem.dir, folder), note);
  const folders = [...found].sort();
  return folders.filter((f) => !folders.some((other) => other !== f && within(f, other)));
}

/** Every file the roots can load through their imports, by real path. */
function importClosure(roots: string[]): string[] {
  const files: string[] = [];
  walkImportClosure(roots, (real) => {
    files.push(real);
    if (!isCode(real)) return [];
    try {
      return importSpecifiers(fs.readFileSync(real, "utf8"));
    } catch {
      return [];
    }
  });
  return files;
}

/** Calls `note` with the real target of every symbolic link under `folder`. */
function linkTargets(folder: string, note: (target: string, isFolder: boolean) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) linkTargets(full, note);
    else if (entry.isSymbolicLink()) {
      const target = realpath(full);
      if (target !== null) note(target, fs.statSync(target).isDirectory());
    }
  }
}

function needed(folder: string): boolean {
  const system = [...NEEDED, path.dirname(process.execPath)];
  return system.some((s) => within(s, folder));
}

/** True when `file` is `folder` or lies inside it. */
function within(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function realpath(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}
