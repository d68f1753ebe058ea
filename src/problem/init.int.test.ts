/** The blank template works out of the box: its seed evaluates in a real sandbox. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateProgram } from "../evaluation/evaluate-program.ts";
import { initProblem } from "./init.ts";
import { loadProblem, type Problem } from "./load-problem.ts";
import { replaceBlocks } from "./markers.ts";

let root: string;
let problem: Problem;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-blank-"));
  problem = loadProblem(initProblem(path.join(root, "erf"), "blank").dir);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const withBody = (body: string) =>
  replaceBlocks(problem.seedCode, [`export function f(x: number): number {\n  ${body}\n}\n`]);

describe("the blank template", () => {
  it("scores its seed", async () => {
    const outcome = await evaluateProgram(problem, { code: problem.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics?.error).toBeCloseTo(0.0494, 3);
    expect(outcome.metrics?.max_error).toBeGreaterThan(outcome.metrics?.error ?? 0);
  });

  it("scores a better candidate better, on the holdout split too", async () => {
    const better = withBody("return Math.tanh(1.2 * x);");
    for (const split of ["train", "holdout"]) {
      const outcome = await evaluateProgram(problem, { code: better, split });
      expect(outcome.outcome).toBe("ok");
      expect(outcome.metrics?.error).toBeLessThan(0.02);
    }
  });

  it("marks a non-finite result invalid", async () => {
    const outcome = await evaluateProgram(problem, { code: withBody("return 1 / (x - x);") });
    expect(outcome.outcome).toBe("invalid");
    expect(outcome.error?.message).toMatch(/expected a finite number/);
  });

  it("rejects a change outside the block", async () => {
    const outcome = await evaluateProgram(problem, {
      code: `${problem.seedCode}export const x = 1;\n`,
    });
    expect(outcome.outcome).toBe("policy");
  });
});
