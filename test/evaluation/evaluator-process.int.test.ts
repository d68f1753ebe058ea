/** The evaluator runs in its own process, and its environment holds no secret. */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { FIXTURES } from "../helpers/probe.ts";

describe("evaluator process", () => {
  beforeAll(() => {
    process.env.OPENAI_API_KEY = "sk-evaluator-must-not-see";
    process.env.GITHUB_TOKEN = "ghp-evaluator-must-not-see";
  });
  afterAll(() => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.GITHUB_TOKEN;
  });

  it("is not the engine's process and sees no secret", async () => {
    const problem = loadProblem(path.join(FIXTURES, "problems", "evaluator-env"));
    const outcome = await evaluateProgram(problem, { code: problem.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics?.pid).not.toBe(process.pid);
    const env = (outcome.artifacts as { env: Record<string, string> }).env;
    expect(Object.keys(env).some((k) => /KEY|TOKEN|SECRET|PASSWORD/i.test(k))).toBe(false);
    expect(JSON.stringify(env)).not.toContain("must-not-see");
  });
});
