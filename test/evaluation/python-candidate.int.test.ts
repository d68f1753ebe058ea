/** A non-JS candidate: a Python program run with candidate.run in the sandbox. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { type CountingListener, countingListener } from "../helpers/listener.ts";
import { expectNoSandboxLeft, FIXTURES } from "../helpers/probe.ts";

const problem = () => loadProblem(path.join(FIXTURES, "problems", "python"));
const candidate = (name: string) =>
  fs.readFileSync(path.join(FIXTURES, "candidates", name), "utf8");

describe("python candidate", () => {
  let listener: CountingListener;
  beforeAll(async () => {
    listener = await countingListener();
  });
  afterAll(() => listener.close());

  it("runs the seed and scores it", async () => {
    const p = problem();
    const outcome = await evaluateProgram(p, { code: p.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics).toEqual({ error: 0 });
  });

  it("runs an edited program", async () => {
    const outcome = await evaluateProgram(problem(), { code: candidate("py-better.py") });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics?.error).toBe(0);
  });

  it("a fork bomb hits the process cap and leaves nothing behind", async () => {
    const outcome = await evaluateProgram(problem(), { code: candidate("py-fork-bomb.py") });
    const forked = Number(/forked (\d+)/.exec(outcome.stderr)?.[1] ?? "-1");
    expect(forked).toBeGreaterThanOrEqual(0);
    expect(forked).toBeLessThan(problem().charter.limits.maxProcesses);
    // Its children sleep for two minutes: any still alive after 20 s leaked.
    await expectNoSandboxLeft(20_000);
  });

  it("cannot reach a listener on 127.0.0.1", async () => {
    const code = candidate("py-network.py").replace("__PORT__", String(listener.port));
    const outcome = await evaluateProgram(problem(), { code });
    expect(outcome.outcome).not.toBe("ok");
    expect(listener.connections()).toBe(0);
  });
});
