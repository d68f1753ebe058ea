/**
 * The committed evolved program (evolved/) scores, in the sandbox and in verify
 * mode, the sum its header claims, and keeps the seed's code outside the
 * EVOLVE-BLOCK (the fixed optimizer and `feasible`), so the claim rests on
 * what gp may change.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { tenDecimals } from "./lib/references.ts";

const problem = loadProblem(import.meta.dirname);
const outside = (code: string) =>
  code.replace(/\/\/ EVOLVE-BLOCK-START[\s\S]*\/\/ EVOLVE-BLOCK-END/, "");

describe("evolved circle packing", () => {
  it("scores the sum of radii its header claims, with the seed's code outside the block", async () => {
    const code = readFileSync(new URL("./evolved/gp-10min-seed-2.ts", import.meta.url), "utf8");
    expect(outside(code)).toBe(outside(problem.seedCode));
    const claim = /sum of radii (\d\.\d{10})/.exec(code)?.[1];
    expect(claim).toBeDefined();
    const outcome = await evaluateProgram(problem, { code, mode: "verify" });
    expect(outcome.outcome).toBe("ok");
    expect(tenDecimals(outcome.metrics?.sum_radii)).toBe(claim);
    expect(outcome.metrics?.min_gap).toBeGreaterThanOrEqual(0);
  });
});
