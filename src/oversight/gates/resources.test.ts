import { describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import { check, crashed, testContext } from "./gate-context.test-kit.ts";
import { CPU_FLOOR_MS, RUNS, resourcesGate, spreadOf } from "./resources.ts";
import { stabilitySeeds } from "./stability.ts";

type Usage = Partial<EvaluationOutcome>;

/** The candidate's and champion's usage per run (0, 1, 2), scoring 10 and 5. */
const usage = (candidate: (run: number) => Usage, champion: (run: number) => Usage) => {
  const seeds = [7, ...stabilitySeeds(7, RUNS - 1)];
  return testContext({
    script: (who, { seed }) => {
      const run = seeds.indexOf(seed);
      return who === "candidate"
        ? { metrics: { score: 10 }, ...candidate(run) }
        : { metrics: { score: 5 }, ...champion(run) };
    },
  });
};
const steady =
  (cpuMs: number, peakMemoryBytes: number | null = 100e6) =>
  () => ({
    cpuMs,
    durationMs: 1000,
    peakMemoryBytes,
  });

describe("resources gate", () => {
  it("compares the medians of 3 verify runs of each side, on the same seeds, by CPU time", async () => {
    const { ctx, calls } = usage(steady(1500, 150e6), steady(1000, 100e6));
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({
      measure: "cpu",
      slowdown: 1.5,
      memoryGrowth: 1.5,
      maxSlowdown: 2,
      candidateMs: { min: 1500, median: 1500, max: 1500 },
      championPeakBytes: { min: 100e6, median: 100e6, max: 100e6 },
    });
    const seeds = [7, ...stabilitySeeds(7, 2)];
    expect(calls).toEqual(
      seeds.flatMap((seed) =>
        (["candidate", "champion"] as const).map((who) => ({
          who,
          mode: "verify",
          split: "train",
          seed,
        })),
      ),
    );
    expect(result.summary).toMatch(/^cpu time 1\.50x the champion's \(median of 3/);
  });

  it("is not decided by one disturbed run on either side", async () => {
    const candidateSlowOnce = usage((run) => ({ cpuMs: run === 1 ? 9000 : 1100 }), steady(1000));
    const slow = await check(resourcesGate, candidateSlowOnce.ctx);
    expect(slow.status).toBe("pass");
    expect(slow.evidence.candidateMs).toEqual({ min: 1100, median: 1100, max: 9000 });
    const championSlowOnce = usage(steady(3000), (run) => ({ cpuMs: run === 0 ? 9000 : 1000 }));
    expect((await check(resourcesGate, championSlowOnce.ctx)).status).toBe("fail");
  });

  it("fails a candidate that takes too much CPU time", async () => {
    const { ctx } = usage(steady(2500), steady(1000));
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("fail");
    expect(result.evidence.slowdown).toBe(2.5);
  });

  it("fails a candidate that uses too much memory", async () => {
    const { ctx } = usage(steady(1000, 300e6), steady(1000, 100e6));
    expect((await check(resourcesGate, ctx)).status).toBe("fail");
  });

  it("skips the memory check when memory was not measured, and says so", async () => {
    const { ctx } = usage(
      (run) => ({ cpuMs: 1000, peakMemoryBytes: run === 2 ? null : 100e6 }),
      steady(1000),
    );
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({ memoryGrowth: null, candidatePeakBytes: null });
    expect(String(result.evidence.memory)).toContain("not measured");
  });

  it("treats times under the noise floor as the floor", async () => {
    const { ctx } = usage(steady(150), steady(20));
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("pass");
    expect(result.evidence).toMatchObject({ slowdown: 1, floorMs: CPU_FLOOR_MS });
  });

  it("compares wall time when CPU time was not measured for every run, and says so", async () => {
    const { ctx } = usage(
      (run) => ({ durationMs: 2500, ...(run === 0 ? {} : { cpuMs: 10 }) }),
      () => ({ durationMs: 1000, cpuMs: 10 }),
    );
    const result = await check(resourcesGate, ctx);
    expect(result.status).toBe("fail");
    expect(String(result.evidence.measure)).toMatch(/^wall/);
    expect(result.summary).toMatch(/^wall time 2\.50x/);
  });

  it("errors when a champion run fails", async () => {
    const { ctx } = testContext({ script: (who) => (who === "champion" ? crashed : 10) });
    expect((await check(resourcesGate, ctx)).status).toBe("error");
  });
});

describe("spreadOf", () => {
  it("gives min, median and max, averaging the middle two of an even count", () => {
    expect(spreadOf([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spreadOf([4, 1, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4 });
  });
});
