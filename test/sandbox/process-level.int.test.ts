/**
 * The weaker `process` level (no bubblewrap) still ends every misbehaviour in
 * its typed outcome and leaks no secret; `sandbox: strict` refuses to run there.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  evaluateFixture,
  leftoverSandboxProcesses,
  probeProblem,
  probeProblemWithRoomToGrow,
} from "../helpers/probe.ts";
import { waitUntil } from "../helpers/wait.ts";

const SECRET = "sk-planted-process-level-77";

beforeAll(() => {
  process.env.STEWARD_SANDBOX = "process";
  process.env.ANTHROPIC_API_KEY = SECRET;
});
afterAll(() => {
  delete process.env.STEWARD_SANDBOX;
  delete process.env.ANTHROPIC_API_KEY;
});
afterEach(async () => {
  // Killed processes are gone once the kernel has reaped them: wait for that, not a time.
  await waitUntil(() => leftoverSandboxProcesses().length === 0, "no sandbox process left");
});

describe("process level", () => {
  it("runs an honest candidate, reports the level and warns about it", async () => {
    const outcome = await evaluateFixture("honest");
    expect(outcome.outcome).toBe("ok");
    expect(outcome.sandbox).toBe("process");
    expect(outcome.warnings.join("\n")).toMatch(/network/);
  });

  it.each([
    ["hangs", "timeout"],
    ["memory", "memory"],
    ["print-1gb", "output-limit"],
    ["write-10gb", "output-limit"],
    ["write-many-files", "output-limit"],
    ["fork-bomb", "crashed"],
    ["nan", "invalid"],
  ])("%s ends as %s", async (name, expected) => {
    const roomy = name === "memory" ? { problem: probeProblemWithRoomToGrow() } : {};
    const outcome = await evaluateFixture(name, roomy);
    expect(outcome.outcome).toBe(expected);
  });

  it("the candidate's environment holds no secret", async () => {
    const outcome = await evaluateFixture("print-env");
    expect(outcome.outcome).toBe("ok");
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  });

  it('refuses to run a "sandbox: strict" charter', async () => {
    const problem = probeProblem();
    const strict = { ...problem, charter: { ...problem.charter, sandbox: "strict" as const } };
    const outcome = await evaluateFixture("honest", { problem: strict });
    expect(outcome.outcome).toBe("sandbox-error");
    expect(outcome.error?.message).toMatch(/sandbox: strict/);
  });
});
