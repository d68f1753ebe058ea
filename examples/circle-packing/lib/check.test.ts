import { describe, expect, it } from "vitest";
import { type Circle, checkPacking, smallestGap } from "./check.ts";

const row = (n: number): Circle[] =>
  Array.from({ length: n }, (_, k): Circle => [(k + 0.5) / n, 0.5, 0.5 / n]);

describe("checkPacking", () => {
  it("accepts touching circles (gap exactly 0) and sums the radii itself", () => {
    const check = checkPacking(row(4), 4);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.sum).toBe(0.5);
      expect(check.minGap).toBe(0);
    }
  });

  it("reports the smallest gap and where it is", () => {
    const circles: Circle[] = [
      [0.25, 0.5, 0.2],
      [0.7, 0.5, 0.24],
    ];
    const { gap, where } = smallestGap(circles);
    expect(gap).toBeCloseTo(0.01, 12);
    expect(where).toBe("circles 0 and 1");
    const out = checkPacking(
      [
        [0.25, 0.5, 0.2],
        [0.75, 0.5, 0.3],
      ],
      2,
    );
    expect(out).toMatchObject({ ok: false, minGap: expect.any(Number) });
    if (!out.ok) {
      expect(out.minGap).toBeLessThan(0);
      expect(out.reason).toMatch(/sticks out|overlap/);
    }
  });

  it("reads `circles` from an object and notes the keys it ignores", () => {
    const check = checkPacking({ circles: row(2), sum: 10 }, 2);
    expect(check.ok && check.sum).toBe(0.5);
    expect(check.notes).toEqual(['ignored "sum": the sum is recomputed here']);
  });
});
