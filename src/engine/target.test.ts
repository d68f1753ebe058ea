import { describe, expect, it } from "vitest";
import type { Charter } from "../problem/charter.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { RunEvent, RunStats } from "./run-events.ts";
import { describeTarget, firstReaching, reaches, watchTarget } from "./target.ts";

const stats = (evaluated: number, best: number | null, elapsedMs = evaluated * 1000): RunStats => ({
  runId: 1,
  evaluated,
  sessionEvaluated: evaluated,
  evalsPerSecond: 1,
  inFlight: 0,
  elapsedMs,
  seedObjective: 10,
  bestObjective: best,
  bestProgramId: best === null ? null : evaluated,
  outcomes: {},
  duplicates: 0,
  refused: 0,
  evalsLeft: null,
  timeLeftMs: null,
});

const evaluated = (n: number, best: number | null, isNewBest = true): RunEvent => ({
  type: "evaluated",
  programId: n,
  outcome: "ok",
  objective: best,
  isNewBest,
  operator: "op",
  stats: stats(n, best),
});

const started = (resumed: boolean, count: number): RunEvent => ({
  type: "started",
  runId: 1,
  resumed,
  evaluated: count,
  pending: 0,
  workers: 1,
});

describe("reaches", () => {
  it("counts equal as reached, in the objective's direction", () => {
    expect(reaches(2.63, 2.63, "maximize")).toBe(true);
    expect(reaches(2.62, 2.63, "maximize")).toBe(false);
    expect(reaches(0.01, 0.02, "minimize")).toBe(true);
    expect(reaches(0.03, 0.02, "minimize")).toBe(false);
  });
});

describe("watchTarget", () => {
  it("reports the evaluation and run time of the first best at or past the target, once", () => {
    const watch = watchTarget(5, "minimize");
    expect(watch.observe(started(false, 0))).toBeNull();
    expect(watch.observe(evaluated(1, 10))).toBeNull();
    expect(watch.observe(evaluated(2, 7))).toBeNull();
    const reached = watch.observe(evaluated(3, 4.5));
    expect(reached).toEqual({
      target: 5,
      evaluations: 3,
      elapsedMs: 3000,
      programId: 3,
      objective: 4.5,
    });
    expect(watch.observe(evaluated(4, 1))).toBeNull();
    expect(watch.reached?.evaluations).toBe(3);
    expect(describeTarget(5, watch.reached, 4)).toBe(
      "target 5 reached at evaluation 3 after 3 s (program 3, 4.5)",
    );
  });

  it("says so when a resumed run had reached the target in an earlier session", () => {
    const watch = watchTarget(5, "minimize");
    watch.observe(started(true, 40));
    expect(watch.observe(evaluated(41, 4, false))).toMatchObject({
      evaluations: null,
      elapsedMs: null,
    });
    expect(describeTarget(5, watch.reached, 41)).toMatch(/reached in an earlier session/);
  });

  it("reports a target not reached", () => {
    const watch = watchTarget(2.635, "maximize");
    watch.observe(evaluated(1, 2.5));
    expect(watch.reached).toBeNull();
    expect(describeTarget(2.635, watch.reached, 1)).toBe(
      "target 2.635 not reached in 1 evaluations",
    );
  });
});

describe("firstReaching", () => {
  const charter = (direction: "minimize" | "maximize") =>
    ({ objective: { metric: "m", direction } }) as Charter;
  const candidate = (
    programId: number,
    evaluationId: number | null,
    fitness: number | null,
  ): CandidateRecord =>
    ({
      programId,
      evaluationId,
      fitness,
      outcome: fitness === null ? "error" : "ok",
    }) as CandidateRecord;

  it("counts evaluations in the order they were acknowledged, failures included", () => {
    const candidates = [
      candidate(1, 1, -10),
      candidate(3, 4, -4),
      candidate(2, 2, null),
      candidate(4, null, -1),
      candidate(5, 3, -6),
    ];
    expect(firstReaching(candidates, charter("minimize"), 5)).toEqual({
      evaluations: 4,
      programId: 3,
      objective: 4,
    });
    expect(firstReaching(candidates, charter("minimize"), 10)?.evaluations).toBe(1);
    expect(firstReaching(candidates, charter("minimize"), 0.5)).toBeNull();
    expect(firstReaching([candidate(1, 1, 2.6)], charter("maximize"), 2.6)?.programId).toBe(1);
  });
});
