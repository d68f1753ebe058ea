import { describe, expect, it } from "vitest";
import { check, crashed, testContext } from "./gate-context.test-kit.ts";
import { holdoutGate } from "./holdout.ts";

describe("holdout gate", () => {
  it("passes when the candidate beats the champion on the holdout split", async () => {
    const { ctx, calls } = testContext();
    const result = await check(holdoutGate, ctx);
    expect(result).toMatchObject({
      status: "pass",
      evidence: { split: "holdout", candidate: 10, champion: 5, search: 10, gap: 0, maxGap: null },
    });
    expect(calls).toEqual([
      { who: "candidate", mode: "verify", split: "holdout", seed: 7 },
      { who: "champion", mode: "verify", split: "holdout", seed: 7 },
    ]);
  });

  it("fails when the gain does not carry over", async () => {
    const { ctx } = testContext({ script: () => 5 });
    const result = await check(holdoutGate, ctx);
    expect(result.status).toBe("fail");
    expect(result.summary).toContain("does not carry over");
  });

  it("compares in the objective's direction", async () => {
    const lower = testContext({
      direction: "minimize",
      script: (who) => (who === "candidate" ? 1 : 2),
    });
    expect((await check(holdoutGate, lower.ctx)).status).toBe("pass");
    const higher = testContext({
      direction: "minimize",
      script: (who) => (who === "candidate" ? 3 : 2),
    });
    expect((await check(holdoutGate, higher.ctx)).status).toBe("fail");
  });

  it("fails a holdout score too far from the search score when max_gap is set", async () => {
    const script = (who: string) => (who === "candidate" ? 7 : 5);
    const far = testContext({ gates: { holdout: { max_gap: 2 } }, script });
    const result = await check(holdoutGate, far.ctx);
    expect(result.status).toBe("fail");
    expect(result.evidence).toMatchObject({ gap: 3, maxGap: 2 });
    const near = testContext({ gates: { holdout: { max_gap: 3 } }, script });
    expect((await check(holdoutGate, near.ctx)).status).toBe("pass");
  });

  it("uses the charter's split name", async () => {
    const { ctx, calls } = testContext({ gates: { holdout: { split: "unseen" } } });
    await check(holdoutGate, ctx);
    expect(calls.map((c) => c.split)).toEqual(["unseen", "unseen"]);
  });

  it("errors when either holdout run fails", async () => {
    const { ctx } = testContext({ script: (who) => (who === "champion" ? crashed : 10) });
    const result = await check(holdoutGate, ctx);
    expect(result.status).toBe("error");
    expect(result.summary).toContain("champion");
  });

  it("is skipped when turned off", async () => {
    const { ctx, calls } = testContext({ gates: { holdout: { enabled: false } } });
    expect((await check(holdoutGate, ctx)).status).toBe("skipped");
    expect(calls).toEqual([]);
  });
});
