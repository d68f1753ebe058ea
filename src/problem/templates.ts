/**
 * Where `steward init` finds its templates: every folder under `templates/`,
 * plus examples that double as templates (a template is then a copy of the
 * example, so the two cannot drift). Paths resolve from this source file, so
 * they work from a checkout and from an installed package alike.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TEMPLATES_DIR = path.join(ROOT, "templates");

/** Templates that are examples: name -> folder, from the repository root. */
const EXAMPLE_TEMPLATES: Readonly<Record<string, string>> = {
  "bin-packing": "examples/bin-packing",
};

/**
 * Never copied: a run's state, installed packages, version control, tests, and
 * developer scripts that import Steward's sources by relative path.
 */
const SKIP = new Set([
  ".steward",
  "node_modules",
  ".git",
  "score-test-sets.ts",
  "in-process-candidate.ts",
]);
const SKIP_PATTERN = /\.test\.ts$/;
const MAX_DEPTH = 20;

/** Template names that exist, sorted. */
export function knownTemplates(): string[] {
  const names = new Set<string>();
  if (fs.existsSync(TEMPLATES_DIR)) {
    for (const name of fs.readdirSync(TEMPLATES_DIR)) {
      if (isFolder(path.join(TEMPLATES_DIR, name))) names.add(name);
    }
  }
  for (const [name, folder] of Object.entries(EXAMPLE_TEMPLATES)) {
    if (isFolder(path.join(ROOT, folder))) names.add(name);
  }
  return [...names].sort();
}

/** The folder a template is copied from, or null for an unknown name. */
export function templateSource(name: string): string | null {
  if (!knownTemplates().includes(name)) return null;
  const own = path.join(TEMPLATES_DIR, name);
  if (isFolder(own)) return own;
  const example = EXAMPLE_TEMPLATES[name];
  return example === undefined ? null : path.join(ROOT, example);
}

/**
 * Copies `source` into the existing folder `target`, following symbolic links
 * (a template may be a link to an example), skipping {@link SKIP}. Returns the
 * copied files, relative to `target`, sorted.
 */
export function copyTemplate(source: string, target: string): string[] {
  const files: string[] = [];
  const walk = (from: string, to: string, relative: string, depth: number) => {
    if (depth > MAX_DEPTH) throw new Error(`${from}: folders nested too deep (a link loop?)`);
    for (const name of fs.readdirSync(from).sort()) {
      if (SKIP.has(name) || SKIP_PATTERN.test(name)) continue;
      const file = path.join(from, name);
      const stat = fs.statSync(file);
      const rel = relative === "" ? name : `${relative}/${name}`;
      if (stat.isDirectory()) {
        fs.mkdirSync(path.join(to, name));
        walk(file, path.join(to, name), rel, depth + 1);
      } else if (stat.isFile()) {
        fs.copyFileSync(file, path.join(to, name));
        files.push(rel);
      }
    }
  };
  walk(fs.realpathSync(source), target, "", 0);
  return files.sort();
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
