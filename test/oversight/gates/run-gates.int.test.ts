/**
 * The gates against real evaluations of the gates-demo problem: a candidate that
 * patches a builtin the driver uses wins in search mode but fails the verify
 * gate; an honest better candidate passes every gate.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../../src/evaluation/evaluate-program.ts";
import { runGates } from "../../../src/oversight/gates/run-gates.ts";
import { loadProblem } from "../../../src/problem/load-problem.ts";
import { FIXTURES, leftoverSandboxProcesses } from "../../helpers/probe.ts";

const problem = loadProblem(path.join(FIXTURES, "problems", "gates-demo"));
const SEED = 11;

const block = (body: string) => `// EVOLVE-BLOCK-START\n${body}\n// EVOLVE-BLOCK-END\n`;

const honestBetter = block(`export function value(i: number): number {
  return (i % 7) + 1;
}`);

// Inflates every number the driver collects, in the realm the driver runs in.
const patchesPush = block(`const realPush = Array.prototype.push;
Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
  return realPush.apply(this, items.map((x) => (typeof x === "number" ? x * 10 : x)));
};
export function value(i: number): number {
  return i % 7;
}`);

async function gate(code: string, largestImprovementSoFar: number | null) {
  const evaluate = (
    text: string,
    options: { mode: "search" | "verify"; split: string; seed: number },
  ) => evaluateProgram(problem, { code: text, ...options });
  const search = await evaluate(code, { mode: "search", split: "train", seed: SEED });
  const championSearch = await evaluate(problem.seedCode, {
    mode: "search",
    split: "train",
    seed: SEED,
  });
  expect(search.outcome).toBe("ok");
  expect(search.metrics?.total).toBeGreaterThan(championSearch.metrics?.total ?? Infinity);
  return runGates({
    charter: problem.charter,
    candidate: { code, search },
    champion: { code: problem.seedCode, search: championSearch },
    largestImprovementSoFar,
    seed: SEED,
    evaluate,
  });
}

describe("runGates with real evaluations", () => {
  it("fails the verify gate for a candidate that patches the driver's Array.prototype.push", async () => {
    const report = await gate(patchesPush, 100);
    const verify = report.results.find((r) => r.gate === "verify");
    expect(verify?.status).toBe("fail");
    // Honest total of i % 7 for i < 200 is 594; the patch inflates it tenfold in search mode.
    expect(verify?.evidence).toMatchObject({ search: 5940, verify: 594, difference: 5346 });
    expect(report.passed).toBe(false);
    expect(report.results.find((r) => r.gate === "holdout")?.status).toBe("fail");
    expect(leftoverSandboxProcesses()).toEqual([]);
  });

  it("passes an honest better candidate through every gate", async () => {
    const report = await gate(honestBetter, 100);
    expect(report.results.map((r) => [r.gate, r.status])).toEqual([
      ["verify", "pass"],
      ["stability", "pass"],
      ["holdout", "pass"],
      ["resources", "pass"],
      ["implausible", "pass"],
    ]);
    expect(report).toMatchObject({ passed: true, needsExtraApproval: false });
    expect(report.results[0]?.evidence).toMatchObject({ search: 794, verify: 794 });
    expect(leftoverSandboxProcesses()).toEqual([]);
  });
});
