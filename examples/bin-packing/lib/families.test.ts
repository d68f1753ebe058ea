import { describe, expect, it } from "vitest";
import { FAMILIES, familyInstances, instanceSeed, WEIBULL500_TEST } from "./families.ts";
import { uniformInstances } from "./uniform.ts";

describe("families", () => {
  it("have distinct ids and seeds, none shared with the capacity-500 test set", () => {
    expect(new Set(FAMILIES.map((family) => family.id)).size).toBe(FAMILIES.length);
    const seeds = FAMILIES.flatMap((family) => [family.seeds.train, family.seeds.holdout]);
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seeds).not.toContain(WEIBULL500_TEST.seeds.train);
  });

  it("draw each family's capacity and size range", () => {
    for (const family of FAMILIES) {
      const instances = familyInstances(family, family.seeds.train, "train");
      expect(instances).toHaveLength(family.instances);
      expect(instances[0]?.name).toBe(`train_${family.id}_0`);
      const sizes = instances.flatMap((instance) => instance.items);
      expect(sizes).toHaveLength(family.instances * family.items);
      expect(instances.every((instance) => instance.capacity === family.capacity)).toBe(true);
      const d = family.distribution;
      const [low, high] = d.kind === "uniform" ? [d.min, d.max] : [1, family.capacity];
      expect(sizes.every((size) => Number.isInteger(size) && size >= low && size <= high)).toBe(
        true,
      );
    }
  });

  it("uniform sizes cover min..max with the expected mean", () => {
    const [instance] = uniformInstances({
      seed: 1,
      instances: 1,
      items: 40_000,
      min: 20,
      max: 100,
      capacity: 150,
      prefix: "u",
    });
    const sizes = instance?.items ?? [];
    expect(Math.min(...sizes)).toBe(20);
    expect(Math.max(...sizes)).toBe(100);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(Math.abs(mean - 60)).toBeLessThan(0.5);
  });

  it("refuses a size range that does not fit the capacity", () => {
    const spec = { seed: 1, instances: 1, items: 1, capacity: 150, prefix: "u" };
    expect(() => uniformInstances({ ...spec, min: 20, max: 151 })).toThrow(
      /1 <= min <= max <= capacity 150/,
    );
    expect(() => uniformInstances({ ...spec, min: 0, max: 10 })).toThrow(/must be integers/);
  });

  it("keeps seed 0 fixed and draws a fresh set for any other", () => {
    expect(instanceSeed(20231214, 0)).toBe(20231214);
    expect(instanceSeed(20231214, 1)).not.toBe(20231214);
    expect(instanceSeed(20231214, 1)).not.toBe(instanceSeed(20231214, 2));
  });
});
