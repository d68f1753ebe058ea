import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StewardError } from "../errors.ts";
import { CharterError } from "./charter-errors.ts";
import { loadProblem } from "./load-problem.ts";

const CHARTER = `name: demo
program: program.ts
objective:
  metric: error
  direction: minimize
`;
const PROGRAM =
  "// EVOLVE-BLOCK-START\nexport function f(x: number) {\n  return x;\n}\n// EVOLVE-BLOCK-END\n";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-problem-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

function thrown(fn: () => unknown): StewardError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StewardError);
    return error as StewardError;
  }
  throw new Error("expected an error");
}

describe("loadProblem", () => {
  it("loads a problem with absolute paths and the seed code", () => {
    write({
      "steward.yaml": CHARTER,
      "program.ts": PROGRAM,
      "evaluate.ts": "export default {};\n",
    });
    const problem = loadProblem(path.relative(process.cwd(), dir));
    expect(problem).toEqual({
      dir,
      charterPath: path.join(dir, "steward.yaml"),
      charter: expect.objectContaining({ name: "demo", language: "typescript" }),
      programPath: path.join(dir, "program.ts"),
      seedCode: PROGRAM,
      evaluatorPath: path.join(dir, "evaluate.ts"),
      driverPath: null,
      mutatorModulePaths: [],
      dataDir: path.join(dir, "data"),
    });
  });

  it("resolves a driver and files in subfolders", () => {
    write({
      "steward.yaml": `${CHARTER}program: src/p.ts\n`.replace("program: program.ts\n", ""),
      "src/p.ts": PROGRAM,
      "evaluate.ts": "",
    });
    fs.appendFileSync(path.join(dir, "steward.yaml"), "driver: lib/driver.ts\n");
    write({ "lib/driver.ts": "" });
    const problem = loadProblem(dir);
    expect(problem.programPath).toBe(path.join(dir, "src", "p.ts"));
    expect(problem.driverPath).toBe(path.join(dir, "lib", "driver.ts"));
  });

  it("says how to create a missing problem folder", () => {
    const error = thrown(() => loadProblem(path.join(dir, "nope")));
    expect(error.code).toBe("problem-not-found");
    expect(error.message).toMatch(/steward init .*nope/);
  });

  it("says how to create a missing charter", () => {
    const error = thrown(() => loadProblem(dir));
    expect(error.code).toBe("problem-not-found");
    expect(error.message).toMatch(
      /has no steward\.yaml: create a problem folder with "steward init DIR"/,
    );
  });

  it("reports every missing file, naming the key", () => {
    write({
      "steward.yaml":
        `${CHARTER}driver: driver.ts\nmutators: [gp, { module: ./mine.ts }]\n`.replace(
          "program.ts",
          "prog.ts",
        ),
    });
    fs.mkdirSync(path.join(dir, "driver.ts"));
    const error = thrown(() => loadProblem(dir)) as CharterError;
    expect(error).toBeInstanceOf(CharterError);
    expect(error.message.split("\n")).toEqual([
      'steward.yaml: program: found "prog.ts" (no such file), expected a file in the problem folder',
      'steward.yaml: evaluator: found "evaluate.ts" (no such file), expected a file in the problem folder',
      'steward.yaml: driver: found "driver.ts" (not a file), expected a file in the problem folder',
      'steward.yaml: mutators: module: found "./mine.ts" (no such file), expected a file in the problem folder',
    ]);
  });

  it("refuses a program that links outside the folder", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "steward-outside-"));
    try {
      fs.writeFileSync(path.join(outside, "p.ts"), PROGRAM);
      fs.symlinkSync(path.join(outside, "p.ts"), path.join(dir, "program.ts"));
      write({ "steward.yaml": CHARTER, "evaluate.ts": "" });
      expect(thrown(() => loadProblem(dir)).message).toMatch(
        /program: found "program\.ts" \(a link to outside the problem folder\)/,
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("reports charter problems before looking for files", () => {
    write({ "steward.yaml": CHARTER.replace("minimize", "down") });
    const error = thrown(() => loadProblem(dir));
    expect(error.code).toBe("charter-invalid");
    expect(error.message).toMatch(/^steward\.yaml: objective\.direction: found "down"/);
  });

  it("rejects a seed with malformed markers, naming the file and line", () => {
    write({
      "steward.yaml": CHARTER,
      "program.ts": "a\n// EVOLVE-BLOCK-START\n",
      "evaluate.ts": "",
    });
    const error = thrown(() => loadProblem(dir));
    expect(error.code).toBe("markers-invalid");
    expect(error.message).toMatch(/^program\.ts: line 2: EVOLVE-BLOCK-START is never closed/);
  });
});
