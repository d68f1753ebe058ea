/** examples/c-regression: a C candidate compiled and run inside the sandbox through the charter's `run` command. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";

const problem = loadProblem(path.resolve(import.meta.dirname, "../../examples/c-regression"));
const withBody = (body: string) => problem.seedCode.replace("return 1.0 * x;", body);

describe("examples/c-regression", () => {
  it("compiles and scores the seed, an exact formula and a program that does not compile", async () => {
    const seed = await evaluateProgram(problem, { code: problem.seedCode });
    expect(seed.outcome).toBe("ok");
    expect(seed.metrics?.rmse).toBeCloseTo(1.42593, 4);

    const exact = await evaluateProgram(problem, {
      code: withBody("return x * x * x - 2 * x + sin(3 * x);"),
    });
    expect(exact.outcome).toBe("ok");
    expect(exact.metrics?.rmse).toBeLessThan(1e-9);

    const broken = await evaluateProgram(problem, { code: withBody("return x +;") });
    expect(broken.outcome).toBe("invalid");
    expect(broken.error?.message).toMatch(/error/);
  });
});
