import { describe, expect, it } from "vitest";
import { createRng } from "../util/rng.ts";
import { shuffledIndexes } from "./inspirations.ts";
import { GRID_DIMENSIONS, member } from "./members.test-kit.ts";
import { Population } from "./population.ts";

/** 3 islands of 8 cells each, fully occupied; archive of 4. */
function full(): Population {
  const population = new Population({
    islands: 3,
    dimensions: GRID_DIMENSIONS,
    archiveSize: 4,
    migrationInterval: 0,
  });
  for (let id = 0; id < 24; id++) {
    const island = Math.floor(id / 8);
    population.add(member(id, (id * 37) % 24, { island, x: id % 4, y: (id >> 2) % 2 }));
  }
  return population;
}

describe("inspirations", () => {
  it("are distinct, exclude the parent and mix the archive with other cells and islands", () => {
    const population = full();
    const archive = new Set(population.archive().map((m) => m.id));
    const rng = createRng(11);
    let fromArchive = 0;
    let fromOtherIslands = 0;
    for (let round = 0; round < 200; round++) {
      const parent = population.selectParent(0, rng);
      const chosen = population.inspirations(0, parent.id, 6, rng);
      const ids = chosen.map((m) => m.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
      expect(ids).not.toContain(parent.id);
      fromArchive += ids.filter((id) => archive.has(id)).length;
      fromOtherIslands += chosen.filter((m) => m.island !== 0 && !archive.has(m.id)).length;
    }
    expect(fromArchive).toBeGreaterThanOrEqual(200 * 3);
    expect(fromOtherIslands).toBeGreaterThan(200);
  });

  it("return what there is when asked for more, and nothing for 0", () => {
    const population = new Population({ islands: 2, dimensions: GRID_DIMENSIONS });
    population.add(member(1, 1, { x: 0 }));
    population.add(member(2, 2, { x: 1 }));
    population.add(member(3, 3, { x: 0, island: 1 }));
    const rng = createRng(1);
    expect(
      population
        .inspirations(0, 1, 10, rng)
        .map((m) => m.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(population.inspirations(0, 1, 0, rng)).toEqual([]);
  });

  it("come from the archive even when every other elite is the parent", () => {
    const population = new Population({ islands: 1, dimensions: GRID_DIMENSIONS, archiveSize: 2 });
    population.add(member(1, 9, { x: 0 }));
    population.add(member(2, 1, { x: 0 }));
    expect(population.inspirations(0, 1, 5, createRng(2)).map((m) => m.id)).toEqual([2]);
  });

  it("shuffledIndexes yields a uniform permutation, lazily", () => {
    const rng = createRng(5);
    const firstTwo = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const all = [...shuffledIndexes(5, rng)];
      expect([...all].sort()).toEqual([0, 1, 2, 3, 4]);
      for (const d of all.slice(0, 2)) firstTwo[d] = (firstTwo[d] ?? 0) + 1;
    }
    for (const c of firstTwo) expect(Math.abs(c - 4000)).toBeLessThan(250);
  });
});
