import { describe, expect, it } from "vitest";
import { fitnessOf, isBetter } from "../evaluation/fitness.ts";
import type { Charter } from "../problem/charter.ts";
import { parseDuration } from "../util/duration.ts";
import { budgetStop } from "./budget.ts";

const charter = (direction: "minimize" | "maximize", constraints: Charter["constraints"] = []) =>
  ({ objective: { metric: "score", direction }, constraints }) as unknown as Charter;

describe("budget", () => {
  const none = { maxEvals: null, maxTimeMs: null, target: null };
  it("stops on evaluations, time and target, in the objective's direction", () => {
    const min = charter("minimize");
    expect(
      budgetStop(
        { ...none, maxEvals: 10 },
        { evaluated: 10, elapsedMs: 0, bestObjective: null },
        min,
      ),
    ).toBe("max-evals");
    expect(
      budgetStop(
        { ...none, maxEvals: 10 },
        { evaluated: 9, elapsedMs: 0, bestObjective: null },
        min,
      ),
    ).toBeNull();
    expect(
      budgetStop(
        { ...none, maxTimeMs: 1000 },
        { evaluated: 0, elapsedMs: 1000, bestObjective: null },
        min,
      ),
    ).toBe("max-time");
    expect(
      budgetStop(
        { ...none, target: 0.1 },
        { evaluated: 0, elapsedMs: 0, bestObjective: 0.09 },
        min,
      ),
    ).toBe("target");
    expect(
      budgetStop(
        { ...none, target: 0.1 },
        { evaluated: 0, elapsedMs: 0, bestObjective: 0.11 },
        min,
      ),
    ).toBeNull();
    expect(
      budgetStop(
        { ...none, target: 0.1 },
        { evaluated: 0, elapsedMs: 0, bestObjective: 0.11 },
        charter("maximize"),
      ),
    ).toBe("target");
  });

  it("reads durations", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("2500")).toBe(2500);
    for (const bad of ["", "soon", "5 minutes", "-3s"]) expect(parseDuration(bad)).toBeNull();
  });
});

describe("fitness", () => {
  it("negates minimised objectives and drops constraint breakers", () => {
    expect(fitnessOf({ score: 0.5 }, charter("minimize"))).toBe(-0.5);
    expect(fitnessOf({ score: 0.5 }, charter("maximize"))).toBe(0.5);
    expect(fitnessOf({ other: 1 }, charter("maximize"))).toBeNull();
    const limited = charter("maximize", [{ metric: "time_ms", op: "<=", value: 100 }]);
    expect(fitnessOf({ score: 1, time_ms: 50 }, limited)).toBe(1);
    expect(fitnessOf({ score: 1, time_ms: 150 }, limited)).toBeNull();
    expect(fitnessOf({ score: 1 }, limited)).toBeNull();
    expect(isBetter(1, 2, charter("minimize"))).toBe(true);
    expect(isBetter(1, 2, charter("maximize"))).toBe(false);
  });
});
