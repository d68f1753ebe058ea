import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CharterError } from "./charter-errors.ts";
import { findCharterFile, readCharter } from "./read-charter.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-charter-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): CharterError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CharterError);
    return error as CharterError;
  }
  throw new Error("expected a CharterError");
}

const YAML_CHARTER = `# a comment
name: demo
program: program.ts
objective:
  metric: error
  direction: minimize
constraints:
  - time_ms <= 2000
limits:
  memory_mb: 128
`;

describe("readCharter", () => {
  it("reads YAML", () => {
    const charter = readCharter(write("steward.yaml", YAML_CHARTER));
    expect(charter).toMatchObject({
      name: "demo",
      constraints: [{ metric: "time_ms", op: "<=", value: 2000 }],
      limits: { memoryMb: 128 },
    });
  });

  it("reads JSON", () => {
    const file = write(
      "steward.json",
      JSON.stringify({
        $schema: "./steward.schema.json",
        name: "demo",
        program: "program.py",
        objective: { metric: "error", direction: "minimize" },
      }),
    );
    expect(readCharter(file)).toMatchObject({ language: "python", run: ["python3", "{program}"] });
  });

  it("names the line of a YAML syntax error", () => {
    const file = write(
      "steward.yaml",
      "name: demo\nprogram: program.ts\nobjective: {metric: error\n",
    );
    const error = errorOf(() => readCharter(file));
    expect(error.problems[0]).toMatchObject({
      file: "steward.yaml",
      key: expect.stringMatching(/^line \d+$/),
    });
    expect(error.message).toMatch(/^steward\.yaml: line 3: found invalid YAML \(.+\), expected /);
  });

  it("names the line of a nested mapping on one line", () => {
    const file = write(
      "steward.yaml",
      "name: demo\nprogram: program.ts\nobjective: metric: error\n",
    );
    expect(errorOf(() => readCharter(file)).problems[0]?.key).toBe("line 3");
  });

  it("names the line of a bad indentation and of a duplicate key", () => {
    const bad = write(
      "steward.yaml",
      "name: demo\nobjective:\n  metric: error\n direction: minimize\n",
    );
    expect(errorOf(() => readCharter(bad)).problems[0]?.key).toBe("line 4");
    const duplicate = write("steward.yaml", "name: demo\nprogram: a.ts\nname: other\n");
    expect(errorOf(() => readCharter(duplicate)).problems[0]?.key).toBe("line 3");
  });

  it("names the line of a JSON syntax error", () => {
    const file = write("steward.json", '{\n  "name": "demo",\n  "program": "p.ts",\n}\n');
    const error = errorOf(() => readCharter(file));
    expect(error.problems[0]).toMatchObject({ file: "steward.json", key: "line 4" });
    expect(error.message).toMatch(/invalid JSON/);
  });

  it("reports an empty file", () => {
    const error = errorOf(() => readCharter(write("steward.yaml", "# nothing yet\n")));
    expect(error.message).toBe("steward.yaml: found nothing, expected a mapping of charter keys");
  });

  it("validates the contents, naming the file", () => {
    const file = write("steward.yaml", YAML_CHARTER.replace("minimize", "minimise"));
    expect(errorOf(() => readCharter(file)).message).toBe(
      'steward.yaml: objective.direction: found "minimise", expected one of "minimize" | "maximize"',
    );
  });
});

describe("findCharterFile", () => {
  it("finds steward.yaml or steward.json, or nothing", () => {
    expect(findCharterFile(dir)).toBeNull();
    write("steward.json", "{}");
    expect(findCharterFile(dir)).toBe(path.join(dir, "steward.json"));
  });

  it("refuses two charter files", () => {
    write("steward.yaml", YAML_CHARTER);
    write("steward.json", "{}");
    expect(errorOf(() => findCharterFile(dir)).message).toMatch(
      /^steward\.json: found a second charter file next to steward\.yaml/,
    );
  });
});
