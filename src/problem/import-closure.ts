/**
 * The files a module can load through its imports, found the way the
 * evaluator's loader (Node with tsx, src/evaluation/host/loader/) finds them, so the
 * charter pin covers every file of the evaluator and the driver, not only the
 * entry files.
 *
 * Where tsx could pick one of several files (`./x` with both x.ts and x.js,
 * `./x.js` with x.ts beside it), every existing choice is taken: pinning a file
 * that is never loaded costs a needless halt, missing one loses the pin. Bare
 * specifiers ("steward", "node:fs", packages) are not problem files. Imports
 * the source cannot name statically (`import(name)`) are out of reach; so are
 * files read with fs, which is why data belongs in data/.
 */

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type TypeScript from "typescript";

// Loaded on first use, like src/util/transpile.ts: typescript takes ~0.5 s to load.
let loaded: typeof TypeScript | undefined;
function typescript(): typeof TypeScript {
  loaded ??= createRequire(import.meta.url)("typescript") as typeof TypeScript;
  return loaded;
}

const CODE = /\.[cm]?[jt]sx?$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;
/** tsx maps a JavaScript extension in a specifier to the TypeScript file beside it. */
const TS_FOR_JS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};
/** What tsx tries after an extensionless specifier, and in a directory as index.*. */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];

/** Whether a file's imports are followed (code, not JSON or data). */
export function isCode(file: string): boolean {
  return CODE.test(file);
}

/**
 * The module specifiers a source file names: static and dynamic imports with a
 * literal, `export ... from`, `require(...)`, type-only imports included (a
 * superset of what runs).
 */
export function importSpecifiers(source: string): string[] {
  const info = typescript().preProcessFile(source, true, true);
  return [...new Set(info.importedFiles.map((f) => f.fileName))];
}

/** The existing files `specifier`, imported from `parentFile`, can load; [] for packages. */
export function resolveImport(specifier: string, parentFile: string): string[] {
  // A query or fragment is not part of the path; a leading "#" is a package import.
  const target = targetOf(specifier.replace(/(?!^)[?#].*$/, ""), parentFile);
  if (target === null) return [];
  if (TYPESCRIPT.test(target) && isFile(target)) return [target];
  const extension = path.extname(target);
  const stem = target.slice(0, target.length - extension.length);
  const choices = [
    target,
    ...(TS_FOR_JS[extension] ?? []).map((e) => stem + e),
    ...EXTENSIONS.map((e) => target + e),
    ...EXTENSIONS.map((e) => path.join(target, `index${e}`)),
  ];
  return [...new Set(choices)].filter(isFile);
}

/**
 * Walks the files `roots` can load through their imports, each once, by real
 * path (Node loads a module from its real path and resolves its imports from
 * there); packages (`node_modules`) are left out. `specifiersOf` gets each
 * file and returns what it imports, or null for a file that is not there.
 */
export function walkImportClosure(
  roots: readonly string[],
  specifiersOf: (realFile: string) => readonly string[] | null,
): void {
  const queue = [...roots];
  const done = new Set<string>();
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      continue;
    }
    if (done.has(real)) continue;
    done.add(real);
    for (const specifier of specifiersOf(real) ?? []) {
      for (const found of resolveImport(specifier, real)) {
        if (!found.split(path.sep).includes("node_modules")) queue.push(found);
      }
    }
  }
}

/** The path a specifier points at, or null for a package or builtin. */
function targetOf(specifier: string, parentFile: string): string | null {
  if (/^\.\.?(\/|$)/.test(specifier)) return path.resolve(path.dirname(parentFile), specifier);
  if (path.isAbsolute(specifier)) return specifier;
  try {
    if (specifier.startsWith("file:")) return fileURLToPath(specifier);
    if (specifier.startsWith("#")) {
      // package.json "imports" of the problem folder: resolved as Node does.
      const resolved = createRequire(parentFile).resolve(specifier);
      return resolved.split(path.sep).includes("node_modules") ? null : resolved;
    }
  } catch {
    // Not a file URL, or an import Node cannot resolve either: nothing to pin.
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    // Missing, or a path through a file (ENOTDIR), or unreadable.
    return false;
  }
}
