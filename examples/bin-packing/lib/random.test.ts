import { describe, expect, it } from "vitest";
import { mulberry32 } from "./random.ts";

describe("mulberry32", () => {
  it("repeats the same stream for the same seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(first);
  });

  it("yields numbers strictly between 0 and 1 with mean ~1/2", () => {
    const random = mulberry32(7);
    const draws = Array.from({ length: 100_000 }, random);
    expect(draws.every((u) => u > 0 && u < 1)).toBe(true);
    expect(draws.reduce((sum, u) => sum + u, 0) / draws.length).toBeCloseTo(0.5, 2);
  });
});
