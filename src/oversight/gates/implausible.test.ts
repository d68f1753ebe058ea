import { describe, expect, it } from "vitest";
import { check, testContext } from "./gate-context.test-kit.ts";
import { implausibleGate } from "./implausible.ts";

describe("implausible gate", () => {
  it("passes a gain within factor x the largest so far, without evaluating", async () => {
    const { ctx, calls } = testContext({ largest: 1 });
    const result = await check(implausibleGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({
      improvement: 5,
      largestImprovementSoFar: 1,
      factor: 10,
    });
    expect(calls).toEqual([]);
  });

  it("flags a gain above factor x the largest so far", async () => {
    const { ctx } = testContext({ largest: 0.4 });
    const result = await check(implausibleGate, ctx);
    expect(result.status).toBe("flag");
    expect(result.summary).toContain("extra approval");
  });

  it("measures the gain in the objective's direction", async () => {
    const { ctx } = testContext({
      direction: "minimize",
      candidateSearch: 1,
      championSearch: 11,
      largest: 1,
      gates: { implausible: { factor: 5 } },
    });
    const result = await check(implausibleGate, ctx);
    expect(result.status).toBe("flag");
    expect(result.evidence).toMatchObject({ improvement: 10 });
  });

  it("is skipped before any earlier improvement", async () => {
    const { ctx } = testContext({ largest: null });
    expect((await check(implausibleGate, ctx)).status).toBe("skipped");
  });

  it("scores the champion in verify mode when it has no search run", async () => {
    const { ctx, calls } = testContext({ championSearch: null, largest: 1 });
    const result = await check(implausibleGate, ctx);
    expect(result.status).toBe("pass");
    expect(calls).toEqual([{ who: "champion", mode: "verify", split: "train", seed: 7 }]);
  });

  it("errors when the candidate's search run has no objective", async () => {
    const { ctx } = testContext({ candidateSearch: { metrics: { other: 1 } }, largest: 1 });
    expect((await check(implausibleGate, ctx)).status).toBe("error");
  });
});
