import { describe, expect, it } from "vitest";
import { resourcesGate, TIME_FLOOR_MS } from "./resources.ts";
import { check, crashed, testContext } from "./test-context.ts";

const usage = (candidate: { durationMs: number; peakMemoryBytes: number | null }) =>
  testContext({
    script: (who) =>
      who === "candidate"
        ? { metrics: { score: 10 }, ...candidate }
        : { metrics: { score: 5 }, durationMs: 1000, peakMemoryBytes: 100 },
  });

describe("resources gate", () => {
  it("passes time and memory within the bounds, evaluating each side in verify mode", async () => {
    const { ctx, calls } = usage({ durationMs: 1500, peakMemoryBytes: 150 });
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({ slowdown: 1.5, memoryGrowth: 1.5, maxSlowdown: 2 });
    expect(calls).toEqual([
      { who: "candidate", mode: "verify", split: "train", seed: 7 },
      { who: "champion", mode: "verify", split: "train", seed: 7 },
    ]);
  });

  it("fails a candidate that is too slow", async () => {
    const { ctx } = usage({ durationMs: 2500, peakMemoryBytes: 100 });
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("fail");
    expect(result.evidence.slowdown).toBe(2.5);
  });

  it("fails a candidate that uses too much memory", async () => {
    const { ctx } = usage({ durationMs: 1000, peakMemoryBytes: 300 });
    expect((await check(resourcesGate, ctx)).status).toBe("fail");
  });

  it("skips the memory check when memory was not measured, and says so", async () => {
    const { ctx } = usage({ durationMs: 1000, peakMemoryBytes: null });
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({ memoryGrowth: null });
    expect(String(result.evidence.memory)).toContain("not measured");
  });

  it("treats times under the floor as the floor", async () => {
    const { ctx } = testContext({
      script: (who) => ({ metrics: { score: 1 }, durationMs: who === "candidate" ? 150 : 20 }),
    });
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({ slowdown: 1, timeFloorMs: TIME_FLOOR_MS });
  });

  it("errors when the champion's run fails", async () => {
    const { ctx } = testContext({ script: (who) => (who === "champion" ? crashed : 10) });
    expect((await check(resourcesGate, ctx)).status).toBe("error");
  });
});
