/**
 * The import closure against the real loader: a problem folder whose evaluator
 * imports in every spelling tsx accepts is loaded by Node with Steward's
 * loader, a resolve hook records every file it loads, and each of them must be
 * pinned.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSpecifiers, resolveImport } from "../problem/import-closure.ts";
import { loadProblem } from "../problem/load-problem.ts";
import { pinnedPaths } from "./charter-pin.ts";

const LOADER = fileURLToPath(new URL("../evaluation/host/loader/register.mjs", import.meta.url));

let root: string;
let dir: string;

function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "steward-closure-")));
  dir = path.join(root, "problem");
  write(
    "problem/steward.yaml",
    "name: closure\nprogram: program.ts\nobjective: { metric: v, direction: maximize }\n",
  );
  write("problem/program.ts", "// EVOLVE-BLOCK-START\nexport const v = 1;\n// EVOLVE-BLOCK-END\n");
  write("problem/package.json", '{ "type": "module", "imports": { "#h": "./lib/h.ts" } }\n');
  write(
    "problem/evaluate.ts",
    [
      'import type { EvalContext } from "steward";',
      'import { readFileSync } from "node:fs";',
      'import type { T } from "./lib/types.ts";',
      'import { a } from "./lib/a.ts";',
      'import { b } from "./lib/b.js";',
      'import { c } from "./lib/c";',
      'import { d } from "./lib/dir";',
      'import e from "./lib/e.json" with { type: "json" };',
      'export { f } from "./lib/f.mjs";',
      'import { h } from "#h";',
      'const { g } = await import("./lib/g.ts");',
      "export const used: T = [a, b, c, d, e, g, h, typeof readFileSync].length;",
      "export const ctx = null as EvalContext | null;",
      "",
    ].join("\n"),
  );
  write("problem/lib/types.ts", "export type T = number;\n");
  write("problem/lib/a.ts", 'import { s } from "../../shared/s.ts";\nexport const a = s;\n');
  write("problem/lib/b.ts", "export const b = 2;\n");
  write("problem/lib/c.ts", "export const c = 3;\n");
  write("problem/lib/dir/index.ts", 'export { d } from "./d.ts";\n');
  write("problem/lib/dir/d.ts", "export const d = 4;\n");
  write("problem/lib/e.json", '{ "e": 5 }\n');
  write("problem/lib/f.mts", "export const f = 6;\n");
  write("problem/lib/g.ts", "export const g = 7;\n");
  write("problem/lib/h.ts", "export const h = 8;\n");
  write("problem/lib/unused.ts", "export const never = 0;\n");
  write("shared/s.ts", "export const s = 1;\n");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The files of `root` that Node, with Steward's loader, loads for the evaluator. */
function loadedByNode(): string[] {
  const log = path.join(root, "loaded.log");
  const hook = path.join(root, "record-hook.mjs");
  fs.writeFileSync(
    hook,
    `import fs from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  fs.appendFileSync(${JSON.stringify(log)}, resolved.url.replace(/(%3F|[?#]).*$/i, "") + "\\n");
  return resolved;
}
`,
  );
  const register = path.join(root, "record.mjs");
  fs.writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  const run = spawnSync(
    process.execPath,
    ["--import", LOADER, "--import", register, path.join(dir, "evaluate.ts")],
    { encoding: "utf8", cwd: dir },
  );
  expect(run.status, run.stderr).toBe(0);
  const urls = fs.readFileSync(log, "utf8").trim().split("\n");
  return [
    ...new Set(
      urls
        .filter((url) => url.startsWith("file:"))
        .map((url) => fileURLToPath(url))
        .filter((file) => file.startsWith(root + path.sep) && !file.endsWith(".mjs"))
        .map((file) => path.relative(dir, file).split(path.sep).join("/")),
    ),
  ].sort();
}

describe("import closure", () => {
  it("pins every file the loader loads for the evaluator, and type-only imports", () => {
    const pinned = pinnedPaths(loadProblem(dir));
    const loaded = loadedByNode();
    expect(loaded).toContain("lib/a.ts");
    for (const file of loaded) expect(pinned).toContain(file);
    expect(pinned).toEqual([
      "../shared/s.ts",
      "evaluate.ts",
      "lib/a.ts",
      "lib/b.ts",
      "lib/c.ts",
      "lib/dir/d.ts",
      "lib/dir/index.ts",
      "lib/e.json",
      "lib/f.mts",
      "lib/g.ts",
      "lib/h.ts",
      "lib/types.ts",
      "steward.yaml",
    ]);
    // Starting Node with the loader takes a while on a busy machine.
  }, 60_000);

  it("takes every file an ambiguous specifier could load", () => {
    const parent = path.join(dir, "evaluate.ts");
    write("problem/lib/b.js", "export const b = 0;\n");
    try {
      expect(resolveImport("./lib/b.js", parent).map((f) => path.relative(dir, f))).toEqual([
        "lib/b.js",
        "lib/b.ts",
      ]);
    } finally {
      fs.rmSync(path.join(dir, "lib", "b.js"));
    }
    expect(resolveImport("steward", parent)).toEqual([]);
    expect(resolveImport("node:fs", parent)).toEqual([]);
    expect(resolveImport("./lib/missing.ts", parent)).toEqual([]);
  });

  it("reads specifiers of every import form", () => {
    expect(
      importSpecifiers(
        'import a from "./a.ts";\nexport * from "./b.ts";\nconst c = require("./c.cjs");\nawait import("./d.ts");\nimport type { E } from "./e.ts";\n',
      ),
    ).toEqual(["./a.ts", "./b.ts", "./c.cjs", "./d.ts", "./e.ts"]);
  });
});
