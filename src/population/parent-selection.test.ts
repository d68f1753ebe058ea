import { describe, expect, it } from "vitest";
import { createRng } from "../util/rng.ts";
import { fitnessScores, quantile } from "./parent-selection.ts";
import { Population } from "./population.ts";
import type { SelectionStrategy } from "./types.ts";

const DIMENSIONS = [{ name: "x", bins: 16, min: 0, max: 16 }];
const DRAWS = 20_000;

/** An island 0 with one elite per cell: ids 0..n-1, fitness from `fitness`. */
function island(fitness: number[], selection: SelectionStrategy = "weighted"): Population {
  const population = new Population({ islands: 2, dimensions: DIMENSIONS, selection });
  fitness.forEach((f, id) => {
    population.add({
      id,
      island: 0,
      fitness: f,
      features: { x: id },
      parentId: null,
      generation: 0,
    });
  });
  return population;
}

function draws(population: Population, seed = 7): Map<number, number> {
  const rng = createRng(seed);
  const counts = new Map<number, number>();
  for (let i = 0; i < DRAWS; i++) {
    const id = population.selectParent(0, rng).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe("weighted selection", () => {
  it("favours fitter elites", () => {
    const counts = draws(island([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const picks = (id: number) => counts.get(id) ?? 0;
    expect(picks(9)).toBeGreaterThan(picks(5));
    expect(picks(5)).toBeGreaterThan(picks(2));
    expect(picks(2)).toBeGreaterThan(picks(0));
    const topHalf = [5, 6, 7, 8, 9].reduce((sum, id) => sum + picks(id), 0);
    expect(topHalf / DRAWS).toBeGreaterThan(0.85);
    expect(picks(0)).toBeLessThan(DRAWS * 0.01);
  });

  it("penalises parents with many children", () => {
    const population = island([1, 2, 3, 9, 9]);
    for (let i = 0; i < 10; i++) population.recordChild(3);
    const counts = draws(population);
    const busy = counts.get(3) ?? 0;
    const fresh = counts.get(4) ?? 0;
    // same fitness, 1/(1+10) of the weight: expected ratio 11
    expect(fresh / busy).toBeGreaterThan(8);
    expect(fresh / busy).toBeLessThan(15);
  });

  it("scores equal fitnesses equally, and never NaN", () => {
    expect(fitnessScores([3, 3], 10)).toEqual([0.5, 0.5]);
    const scores = fitnessScores([1e9, 0, 0, 0], 10);
    expect(scores.every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
    expect(scores[0]).toBeCloseTo(1);
    expect(scores[1]).toBe(0.5);
  });

  it("scores centre on the median and scale by the interquartile range", () => {
    // ascending 0, 1, 2, 3, 4: median 2, IQR 3 - 1 = 2
    const scores = fitnessScores([4, 3, 2, 1, 0], 2);
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expect(scores[0]).toBeCloseTo(sigmoid(2));
    expect(scores[1]).toBeCloseTo(sigmoid(1));
    expect(scores[4]).toBeCloseTo(sigmoid(-2));
  });

  it("is deterministic for a seed", () => {
    const population = island([1, 5, 2, 8]);
    const sequence = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => population.selectParent(0, rng).id);
    };
    expect(sequence(3)).toEqual(sequence(3));
    expect(sequence(3)).not.toEqual(sequence(4));
  });
});

describe("other strategies", () => {
  it("hill-climbing picks the island's best, the lowest id among equals", () => {
    const population = island([3, 9, 1, 9], "hill-climbing");
    population.recordChild(1);
    expect([...draws(population).entries()]).toEqual([[1, DRAWS]]);
  });

  it("uniform picks every elite about equally often", () => {
    const counts = draws(island([1, 100, 5, 7], "uniform"));
    for (const id of [0, 1, 2, 3]) {
      expect(Math.abs((counts.get(id) ?? 0) - DRAWS / 4)).toBeLessThan(DRAWS * 0.02);
    }
  });

  it("throws a clear error on an empty island", () => {
    expect(() => island([1]).selectParent(1, createRng(1))).toThrow(
      /island 1 has no members to select a parent from: add a seed to every island first/,
    );
  });
});

describe("quantile", () => {
  it("interpolates linearly", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([], 0.5)).toBe(0);
  });
});
