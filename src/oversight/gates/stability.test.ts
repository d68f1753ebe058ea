import { describe, expect, it } from "vitest";
import { check, crashed, testContext } from "./gate-context.test-kit.ts";
import { relativeSpread, stabilityGate, stabilitySeeds } from "./stability.ts";

describe("stability gate", () => {
  it("re-runs in verify mode with fresh seeds derived from the search seed", async () => {
    const { ctx, calls } = testContext({ gates: { stability: { runs: 3 } } });
    const result = await check(stabilityGate, ctx);
    expect(result.status).toBe("pass");
    const seeds = stabilitySeeds(7, 3);
    expect(new Set([7, ...seeds]).size).toBe(4);
    expect(calls.filter((c) => c.who === "candidate")).toEqual(
      seeds.map((seed) => ({ who: "candidate", mode: "verify", split: "train", seed })),
    );
    expect(result.evidence).toMatchObject({
      seeds,
      search: 10,
      reruns: [10, 10, 10],
      relativeSpread: 0,
    });
  });

  it("fails when the scores spread more than the bound", async () => {
    let run = 0;
    const { ctx } = testContext({ script: () => [9, 11][run++] ?? 0 });
    const result = await check(stabilityGate, ctx);
    expect(result.status).toBe("fail");
    expect(result.evidence).toMatchObject({ min: 9, max: 11, maxRelativeSpread: 0.01 });
    expect(result.evidence.relativeSpread).toBeCloseTo(0.2);
  });

  it("passes a spread within a looser bound", async () => {
    let run = 0;
    const { ctx } = testContext({
      gates: { stability: { max_relative_spread: 0.25 } },
      script: () => [9, 11][run++] ?? 0,
    });
    expect((await check(stabilityGate, ctx)).status).toBe("pass");
  });

  it("needs no spread at all around a mean of 0", async () => {
    expect(relativeSpread([0, 0, 0])).toBe(0);
    expect(relativeSpread([-1, 1])).toBeNull();
    let run = 0;
    const { ctx } = testContext({ candidateSearch: 0, script: () => [1, -1][run++] ?? 0 });
    const result = await check(stabilityGate, ctx);
    expect(result.status).toBe("fail");
    expect(result.evidence.relativeSpread).toBeNull();
  });

  it("errors when a re-run is not ok", async () => {
    let run = 0;
    const { ctx } = testContext({ script: () => (run++ === 0 ? 10 : crashed) });
    const result = await check(stabilityGate, ctx);
    expect(result.status).toBe("error");
    expect(result.evidence).toMatchObject({ outcome: "crashed" });
  });

  it("warns when every re-run of both the candidate and the champion scores the same", async () => {
    const { ctx, calls } = testContext();
    const result = await check(stabilityGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings?.[0]).toMatch(/ignore ctx\.seed, so this gate could not have failed/);
    const seeds = stabilitySeeds(7, 2);
    expect(calls.filter((c) => c.who === "champion").map((c) => c.seed)).toEqual([7, ...seeds]);
  });

  it("does not warn when the champion's score moves with the seed", async () => {
    const { ctx } = testContext({
      script: (who, { seed }) => (who === "candidate" ? 10 : seed === 7 ? 5 : 6),
    });
    const result = await check(stabilityGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.warnings).toEqual([]);
  });

  it("does not re-run the champion when the candidate's score moves with the seed", async () => {
    let run = 0;
    const { ctx, calls } = testContext({
      gates: { stability: { max_relative_spread: 0.25 } },
      script: () => [9.9, 10.1][run++] ?? 0,
    });
    const result = await check(stabilityGate, ctx);
    expect(result.warnings).toEqual([]);
    expect(calls.some((c) => c.who === "champion")).toBe(false);
  });

  it("is skipped with runs: 0", async () => {
    const { ctx, calls } = testContext({ gates: { stability: { runs: 0 } } });
    expect((await check(stabilityGate, ctx)).status).toBe("skipped");
    expect(calls).toEqual([]);
  });
});
