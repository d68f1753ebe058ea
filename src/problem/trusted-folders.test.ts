import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Problem } from "./load-problem.ts";
import { trustedFoldersOutside } from "./trusted-folders.ts";

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "steward-trusted-")));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

function problem(dir: string, driver: string | null = null, modules: string[] = []): Problem {
  const full = path.join(root, dir);
  return {
    dir: full,
    charterPath: path.join(full, "steward.yaml"),
    charter: {} as Problem["charter"],
    programPath: path.join(full, "program.ts"),
    seedCode: "",
    evaluatorPath: path.join(full, "evaluate.ts"),
    driverPath: driver && path.join(full, driver),
    mutatorModulePaths: modules.map((m) => path.join(full, m)),
    dataDir: path.join(full, "data"),
  };
}

describe("trustedFoldersOutside", () => {
  it("finds folders of imported modules, through further imports, and of data links", () => {
    write("p/evaluate.ts", 'import { a } from "../shared/a.ts";\nimport "./local.ts";\n');
    write("p/local.ts", "export const local = 1;\n");
    write("p/driver.ts", 'import "../drivers/d.ts";\n');
    write("shared/a.ts", 'import { b } from "../deep/lib/b.ts";\nexport const a = b;\n');
    write("deep/lib/b.ts", 'import "pkg";\nexport const b = 2;\n');
    write("drivers/d.ts", "export {};\n");
    write("holdout/set.json", "[]\n");
    fs.mkdirSync(path.join(root, "p", "data"));
    fs.symlinkSync(path.join(root, "holdout"), path.join(root, "p", "data", "sets"));
    expect(trustedFoldersOutside(problem("p", "driver.ts"))).toEqual(
      ["deep/lib", "drivers", "holdout", "shared"].map((f) => path.join(root, f)),
    );
  });

  it("finds folders that a mutator module imports", () => {
    write("m/evaluate.ts", "export {};\n");
    write("m/mine.ts", 'import "../mutator-lib/lib.ts";\n');
    write("mutator-lib/lib.ts", "export {};\n");
    expect(trustedFoldersOutside(problem("m", null, ["mine.ts"]))).toEqual([
      path.join(root, "mutator-lib"),
    ]);
  });

  it("returns nothing for a self-contained problem, and never a folder the system needs", () => {
    write("q/evaluate.ts", 'import "./x.ts";\nimport "/usr/lib/os-release";\n');
    write("q/x.ts", "export {};\n");
    expect(trustedFoldersOutside(problem("q"))).toEqual([]);
  });

  it("keeps only the outermost of nested folders", () => {
    write("r/evaluate.ts", 'import "../outer/a.ts";\nimport "../outer/inner/b.ts";\n');
    write("outer/a.ts", "export {};\n");
    write("outer/inner/b.ts", "export {};\n");
    expect(trustedFoldersOutside(problem("r"))).toEqual([path.join(root, "outer")]);
  });
});
