import { describe, expect, it } from "vitest";
import { checkEvaluatorResult } from "./metrics.ts";

describe("checkEvaluatorResult", () => {
  it("accepts named finite numbers that include the objective", () => {
    const check = checkEvaluatorResult(
      { metrics: { excess: 0.04, bins: 2000 }, artifacts: { a: [1] } },
      "excess",
    );
    expect(check).toEqual({
      ok: true,
      metrics: { excess: 0.04, bins: 2000 },
      artifacts: { a: [1] },
      warnings: [],
    });
  });

  it.each([
    [{ metrics: { excess: Number.NaN } }, /"excess" is NaN/],
    [{ metrics: { excess: Number.POSITIVE_INFINITY } }, /Infinity/],
    [{ metrics: { excess: "0.1" } }, /the string "0.1", expected a number/],
    [{ metrics: { bins: 3 } }, /objective metric "excess" is missing \(metrics: bins\)/],
    [{ metrics: [1] }, /metrics is an array/],
    [{}, /metrics is undefined/],
    [null, /returned null/],
    [42, /returned 42/],
    [{ metrics: { excess: 1, other: null } }, /"other" is null/],
  ])("rejects %j", (result, reason) => {
    const check = checkEvaluatorResult(result, "excess");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it("drops oversized or non-JSON artifacts with a warning, keeping the metrics", () => {
    const big = checkEvaluatorResult(
      { metrics: { excess: 1 }, artifacts: { s: "x".repeat(100_000) } },
      "excess",
    );
    expect(big.ok && big.artifacts).toEqual({});
    expect(big.ok && big.warnings[0]).toMatch(/artifacts dropped/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = checkEvaluatorResult({ metrics: { excess: 1 }, artifacts: cyclic }, "excess");
    expect(bad.ok && bad.warnings[0]).toMatch(/not a JSON object/);
  });
});
