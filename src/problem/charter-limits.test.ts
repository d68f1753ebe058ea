import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../sandbox/limits.ts";
import { CharterError, type CharterProblem } from "./charter-errors.ts";
import { parseCharter } from "./parse-charter.ts";

const minimal = {
  name: "demo",
  program: "program.ts",
  objective: { metric: "error", direction: "minimize" },
};

function problemsOf(limits: unknown): CharterProblem[] {
  try {
    parseCharter({ ...minimal, limits }, "steward.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(CharterError);
    return [...(error as CharterError).problems];
  }
  throw new Error("expected the charter to be rejected");
}

describe("limits.eval_timeout_ms: auto", () => {
  it("takes the default floor, factor and cap, the cap as the sandbox limit", () => {
    const charter = parseCharter({ ...minimal, limits: { eval_timeout_ms: "auto" } }, "x.yaml");
    expect(charter.autoEvalTimeout).toEqual({ floorMs: 1000, factor: 3, maxMs: 120_000 });
    expect(charter.limits).toEqual({ ...DEFAULT_LIMITS, evalTimeoutMs: 120_000 });
  });

  it("reads floor_ms, factor and max_ms, each optional", () => {
    const charter = parseCharter(
      {
        ...minimal,
        limits: { eval_timeout_ms: "auto", eval_timeout_auto: { floor_ms: 500, factor: 2.5 } },
      },
      "x.yaml",
    );
    expect(charter.autoEvalTimeout).toEqual({ floorMs: 500, factor: 2.5, maxMs: 120_000 });
    const capped = parseCharter(
      { ...minimal, limits: { eval_timeout_ms: "auto", eval_timeout_auto: { max_ms: 9000 } } },
      "x.yaml",
    );
    expect(capped.autoEvalTimeout?.maxMs).toBe(9000);
    expect(capped.limits.evalTimeoutMs).toBe(9000);
  });

  it("keeps a fixed limit fixed", () => {
    const charter = parseCharter({ ...minimal, limits: { eval_timeout_ms: 3000 } }, "x.yaml");
    expect(charter.autoEvalTimeout).toBeNull();
    expect(charter.limits.evalTimeoutMs).toBe(3000);
  });

  it.each([
    [
      "another word",
      { eval_timeout_ms: "fast" },
      { key: "limits.eval_timeout_ms", expected: '"auto" or an integer from 1 to 86400000' },
    ],
    [
      "a negative limit",
      { eval_timeout_ms: -5 },
      { key: "limits.eval_timeout_ms", expected: '"auto" or an integer from 1 to 86400000' },
    ],
    [
      "a factor below 1",
      { eval_timeout_ms: "auto", eval_timeout_auto: { factor: 0.5 } },
      { key: "limits.eval_timeout_auto.factor", found: "0.5", expected: "a number from 1 to 1000" },
    ],
    [
      "a fractional floor",
      { eval_timeout_ms: "auto", eval_timeout_auto: { floor_ms: 1.5 } },
      { key: "limits.eval_timeout_auto.floor_ms", expected: "an integer from 1 to 86400000" },
    ],
    [
      "a floor above the cap",
      { eval_timeout_ms: "auto", eval_timeout_auto: { floor_ms: 5000, max_ms: 1000 } },
      { key: "limits.eval_timeout_auto.floor_ms", expected: "at most max_ms (1000)" },
    ],
    [
      "settings without auto",
      { eval_timeout_ms: 5000, eval_timeout_auto: { factor: 3 } },
      { key: "limits.eval_timeout_auto", expected: expect.stringMatching(/eval_timeout_ms: auto/) },
    ],
    [
      "an unknown setting",
      { eval_timeout_ms: "auto", eval_timeout_auto: { floor: 5 } },
      { key: "limits.eval_timeout_auto.floor", expected: expect.stringMatching(/floor_ms/) },
    ],
  ])("rejects %s, naming the key", (_what, limits, expected) => {
    const problems = problemsOf(limits);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "steward.yaml", ...expected });
  });
});
