import { describe, expect, it } from "vitest";
import { EvalTimeLimit, RECENT_CHAMPION_EVALUATIONS } from "./eval-time-limit.ts";

const ok = (durationMs: number) => ({
  outcome: "ok" as const,
  mode: "search" as const,
  durationMs,
});
const auto = { floorMs: 2000, factor: 5, maxMs: 120_000 };

describe("EvalTimeLimit", () => {
  it("keeps a fixed limit fixed, whatever the champion takes", () => {
    const limit = new EvalTimeLimit(null, 30_000);
    limit.championEvaluated(ok(100));
    expect(limit.limitMs()).toBe(30_000);
  });

  it("gives the cap until the champion has been timed", () => {
    expect(new EvalTimeLimit(auto, 120_000).limitMs()).toBe(120_000);
  });

  it("is factor x the slowest recent champion evaluation, at least the floor, at most the cap", () => {
    const limit = new EvalTimeLimit(auto, 120_000);
    limit.championEvaluated(ok(300));
    expect(limit.limitMs()).toBe(2000);
    limit.championEvaluated(ok(900));
    limit.championEvaluated(ok(500));
    expect(limit.limitMs()).toBe(4500);
    limit.championEvaluated(ok(60_000));
    expect(limit.limitMs()).toBe(120_000);
  });

  it("forgets all but the latest evaluations", () => {
    const limit = new EvalTimeLimit(auto, 120_000);
    limit.championEvaluated(ok(1000));
    for (let i = 0; i < RECENT_CHAMPION_EVALUATIONS; i++) limit.championEvaluated(ok(500));
    expect(limit.limitMs()).toBe(2500);
  });

  it("follows the median of the latest evaluations when the machine gets busier", () => {
    const limit = new EvalTimeLimit(auto, 120_000);
    limit.championEvaluated(ok(300));
    limit.evaluated(ok(300));
    for (let i = 0; i < 4; i++) limit.evaluated(ok(1000));
    expect(limit.limitMs()).toBe(5000);
    // One slow candidate does not move the median; a timeout does not count at all.
    limit.evaluated(ok(20_000));
    limit.evaluated({ outcome: "timeout", mode: "search", durationMs: 90_000 });
    expect(limit.limitMs()).toBe(5000);
  });

  it("counts only ok search evaluations", () => {
    const limit = new EvalTimeLimit(auto, 120_000);
    limit.championEvaluated({ outcome: "timeout", mode: "search", durationMs: 90_000 });
    limit.championEvaluated({ outcome: "ok", mode: "verify", durationMs: 90_000 });
    expect(limit.limitMs()).toBe(120_000);
  });
});
