/**
 * The deploy target may never be a pinned file, however the charter spells it:
 * an approved program written over `lib/verify.ts` would rewrite the evaluator.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { deployTarget } from "./deploy.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-deploy-target-"));
const dir = path.join(root, "bin-packing");
fs.cpSync(fileURLToPath(new URL("../../examples/bin-packing", import.meta.url)), dir, {
  recursive: true,
  filter: (source) => !source.includes(".steward"),
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function aimedAt(target: string): Problem {
  const problem = loadProblem(dir);
  return {
    ...problem,
    charter: { ...problem.charter, deploy: { ...problem.charter.deploy, target } },
  };
}

describe("deployTarget", () => {
  it.each([
    "lib/verify.ts",
    "./lib/verify.ts",
    "lib//verify.ts",
    "lib/../lib/verify.ts",
    "evaluate.ts",
  ])("refuses %s, a pinned file", (target) => {
    expect(() => deployTarget(aimedAt(target))).toThrow(/is a pinned file/);
  });

  it("refuses a symlink that leads to a pinned file", () => {
    fs.symlinkSync(path.join(dir, "lib", "verify.ts"), path.join(dir, "deployed.ts"));
    try {
      expect(() => deployTarget(aimedAt("deployed.ts"))).toThrow(/is a pinned file/);
    } finally {
      fs.rmSync(path.join(dir, "deployed.ts"));
    }
  });

  it("accepts the program file and a fresh path", () => {
    expect(deployTarget(aimedAt("program.ts"))).toBe(path.join(dir, "program.ts"));
    expect(deployTarget(aimedAt("out/heuristic.ts"))).toBe(path.join(dir, "out/heuristic.ts"));
  });
});
