import { describe, expect, it } from "vitest";
import { weibullInstances, weibullSize } from "./weibull.ts";

describe("weibullInstances", () => {
  const spec = { seed: 20231214, instances: 5, items: 5000 };

  it("is deterministic and depends on the seed", () => {
    expect(weibullInstances(spec)).toEqual(weibullInstances(spec));
    const other = weibullInstances({ ...spec, seed: 20231215 });
    expect(other[0]?.items).not.toEqual(weibullInstances(spec)[0]?.items);
  });

  it("draws integer sizes in 1..100 with mean ~ 45 * Gamma(4/3) = 40.18", () => {
    const instances = weibullInstances(spec);
    expect(instances.map((instance) => instance.name)).toEqual(
      [0, 1, 2, 3, 4].map((n) => `weibull_${n}`),
    );
    const sizes = instances.flatMap((instance) => instance.items);
    expect(sizes).toHaveLength(25_000);
    expect(sizes.every((size) => Number.isInteger(size) && size >= 1 && size <= 100)).toBe(true);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(Math.abs(mean - 40.18)).toBeLessThan(0.5);
    expect(instances.every((instance) => instance.capacity === 100)).toBe(true);
  });

  it("clips to 1..capacity", () => {
    expect(weibullSize(1 - 1e-16, 45, 3, 100)).toBe(1);
    expect(weibullSize(1e-300, 45, 3, 100)).toBe(100);
  });
});
