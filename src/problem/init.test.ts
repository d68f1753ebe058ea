import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StewardError } from "../errors.ts";
import { initProblem, problemName } from "./init.ts";
import { loadProblem } from "./load-problem.ts";
import { parseBlocks } from "./markers.ts";
import { knownTemplates } from "./templates.ts";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-init-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function usageError(fn: () => unknown): StewardError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe("usage");
    return error as StewardError;
  }
  throw new Error("expected a usage error");
}

describe("initProblem", () => {
  it("writes the blank template, named after the folder, and it loads", () => {
    const target = path.join(root, "My Sine_Fit");
    const { dir, files } = initProblem(target, "blank");
    expect(dir).toBe(target);
    expect(files).toEqual([
      "README.md",
      "evaluate.ts",
      "package.json",
      "program.ts",
      "steward.yaml",
    ]);
    const problem = loadProblem(dir);
    expect(problem.charter).toMatchObject({
      name: "my-sine-fit",
      language: "typescript",
      objective: { metric: "error", direction: "minimize" },
    });
    expect(parseBlocks(problem.seedCode)).toHaveLength(1);
    expect(fs.readFileSync(problem.charterPath, "utf8")).toMatch(/^# The charter/);
  });

  it("writes into an existing empty folder", () => {
    const target = path.join(root, "empty");
    fs.mkdirSync(target);
    expect(initProblem(target, "blank").files).toContain("steward.yaml");
  });

  it("refuses a folder that is not empty, leaving it alone", () => {
    fs.writeFileSync(path.join(root, "keep.txt"), "mine");
    const error = usageError(() => initProblem(root, "blank"));
    expect(error.message).toMatch(/is not empty/);
    expect(fs.readdirSync(root)).toEqual(["keep.txt"]);
  });

  it("refuses a path that is a file", () => {
    const file = path.join(root, "file");
    fs.writeFileSync(file, "");
    expect(usageError(() => initProblem(file, "blank")).message).toMatch(/is not a folder/);
  });

  it("refuses an unknown template, listing the known ones", () => {
    const error = usageError(() => initProblem(path.join(root, "x"), "../blank"));
    expect(error.message).toBe(
      `unknown template "../blank": known templates are ${knownTemplates().join(", ")}`,
    );
    expect(knownTemplates()).toContain("blank");
    expect(fs.existsSync(path.join(root, "x"))).toBe(false);
  });

  it.runIf(knownTemplates().includes("bin-packing"))(
    "writes the bin-packing example without its run state",
    () => {
      const { dir, files } = initProblem(path.join(root, "packing"), "bin-packing");
      expect(files).toContain("steward.yaml");
      expect(files.some((f) => f.startsWith(".steward/"))).toBe(false);
      expect(loadProblem(dir).charter.name).toBe("packing");
    },
  );
});

describe("problemName", () => {
  it.each([
    ["my-problem", "my-problem"],
    ["My Problem!", "my-problem"],
    ["__x__", "x"],
    ["...", "problem"],
    ["a".repeat(80), "a".repeat(64)],
  ])("%j -> %j", (folder, name) => {
    expect(problemName(folder)).toBe(name);
  });
});
