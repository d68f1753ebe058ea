import { describe, expect, it } from "vitest";
import { check, crashed, testContext } from "./gate-context.test-kit.ts";
import { verifyGate } from "./verify.ts";

describe("verify gate", () => {
  it("passes when the verify-mode score equals the search score", async () => {
    const { ctx, calls } = testContext();
    const result = await check(verifyGate, ctx);
    expect(result).toMatchObject({
      gate: "verify",
      status: "pass",
      evidence: { search: 10, verify: 10, difference: 0, tolerance: 1e-9, split: "train", seed: 7 },
    });
    expect(calls).toEqual([{ who: "candidate", mode: "verify", split: "train", seed: 7 }]);
  });

  it("fails a candidate whose verify score differs by more than the tolerance", async () => {
    const { ctx } = testContext({ candidateSearch: 100, gates: { verify: { tolerance: 0.5 } } });
    const result = await check(verifyGate, ctx);
    expect(result.status).toBe("fail");
    expect(result.evidence).toMatchObject({ search: 100, verify: 10, difference: 90 });
    expect(result.summary).toContain("tamper");
  });

  it("allows a difference within the tolerance", async () => {
    const { ctx } = testContext({ candidateSearch: 10.4, gates: { verify: { tolerance: 0.5 } } });
    expect((await check(verifyGate, ctx)).status).toBe("pass");
  });

  it("errors when the verify run is not ok, or evaluate throws", async () => {
    const failed = testContext({ script: () => crashed });
    const result = await check(verifyGate, failed.ctx);
    expect(result.status).toBe("error");
    expect(result.evidence).toMatchObject({ outcome: "crashed", mode: "verify" });
    expect(result.summary).toContain("TypeError: boom");
    const thrown = testContext({ script: () => new Error("pool closed") });
    const error = await check(verifyGate, thrown.ctx);
    expect(error.status).toBe("error");
    expect(error.summary).toContain("pool closed");
  });

  it("errors when the verify run lacks the objective", async () => {
    const { ctx } = testContext({ script: () => ({ metrics: { other: 1 } }) });
    const result = await check(verifyGate, ctx);
    expect(result.status).toBe("error");
    expect(result.summary).toContain('no finite "score"');
  });

  it("is skipped when turned off, without evaluating", async () => {
    const { ctx, calls } = testContext({ gates: { verify: { enabled: false } } });
    expect((await check(verifyGate, ctx)).status).toBe("skipped");
    expect(calls).toEqual([]);
  });
});
