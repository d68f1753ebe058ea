import { describe, expect, it } from "vitest";
import { StewardError } from "../errors.ts";
import { GRID_DIMENSIONS, member } from "./members.test-kit.ts";
import { Population } from "./population.ts";

const grid = (archiveSize = 20) =>
  new Population({ islands: 2, dimensions: GRID_DIMENSIONS, archiveSize, migrationInterval: 0 });

describe("Population grid", () => {
  it("places members in their cell, clamping values into range", () => {
    const population = grid();
    expect(population.add(member(1, 1, { x: 1.5, y: 0.2 })).cell).toBe("1,0");
    expect(population.add(member(2, 1, { x: -5, y: 9 })).cell).toBe("0,1");
    expect(population.add(member(3, 1, { x: 4, y: 1.99 })).cell).toBe("3,1");
    expect(population.islandSizes()).toEqual([3, 0]);
  });

  it("keeps the fittest member per cell, and the incumbent on a tie", () => {
    const population = grid();
    expect(population.add(member(1, 5, { x: 1 })).isNewElite).toBe(true);
    expect(population.add(member(2, 4, { x: 1.2 })).isNewElite).toBe(false);
    expect(population.add(member(3, 5, { x: 1.4 })).isNewElite).toBe(false);
    expect(population.elites(0).map((m) => m.id)).toEqual([1]);
    expect(population.add(member(4, 6, { x: 1.9 })).isNewElite).toBe(true);
    expect(population.elites(0).map((m) => m.id)).toEqual([4]);
    expect(population.islandSizes()).toEqual([1, 0]);
  });

  it("keeps islands apart", () => {
    const population = grid();
    population.add(member(1, 5, { island: 0 }));
    population.add(member(2, 1, { island: 1 }));
    expect(population.elites(1).map((m) => m.id)).toEqual([2]);
  });

  it("lists elites fittest first, equal fitness by id", () => {
    const population = grid();
    population.add(member(3, 2, { x: 0 }));
    population.add(member(1, 2, { x: 1 }));
    population.add(member(2, 7, { x: 2 }));
    expect(population.elites(0).map((m) => m.id)).toEqual([2, 1, 3]);
  });
});

describe("Population archive and best", () => {
  it("keeps the top k by fitness across islands, distinct ids", () => {
    const population = grid(3);
    const fitness = [4, 9, 1, 7, 7, 3, 8, 2];
    fitness.forEach((f, i) => {
      population.add(member(i, f, { x: i % 4, y: 0, island: i % 2 }));
    });
    expect(population.archive().map((m) => m.id)).toEqual([1, 6, 3]);
    expect(population.snapshot().archive).toEqual([
      { id: 1, fitness: 9 },
      { id: 6, fitness: 8 },
      { id: 3, fitness: 7 },
    ]);
  });

  it("holds an archived member that lost its cell, and forgets one that is nowhere", () => {
    const population = grid(1);
    population.add(member(1, 9, { x: 0 }));
    population.add(member(2, 5, { x: 1 }));
    population.add(member(3, 6, { x: 1 }));
    expect(population.get(2)).toBeUndefined();
    population.add(member(4, 10, { x: 0 }));
    expect(population.get(1)).toBeUndefined();
    expect(population.best()?.id).toBe(4);
    expect(population.size).toBe(2);
  });

  it("reports a new best only when strictly fitter", () => {
    const population = grid();
    expect(population.best()).toBeUndefined();
    expect(population.add(member(1, 3, { x: 0 })).isNewBest).toBe(true);
    expect(population.add(member(2, 3, { x: 1 })).isNewBest).toBe(false);
    expect(population.add(member(3, 2, { x: 2 })).isNewBest).toBe(false);
    expect(population.add(member(4, 8, { x: 3, island: 1 })).isNewBest).toBe(true);
    expect(population.best()?.id).toBe(4);
  });
});

describe("Population inputs", () => {
  it("ignores re-adding an id to an island holding it, without counting it", () => {
    const population = grid();
    population.add(member(1, 3));
    expect(population.add(member(1, 99, { x: 3 }))).toMatchObject({ isNewElite: false });
    expect(population.added).toBe(1);
    expect(population.get(1)?.fitness).toBe(3);
  });

  it("takes the same id on every island, as the loop does with the seed", () => {
    const population = grid(2);
    for (const island of [0, 1]) {
      expect(population.add(member(7, 1, { island }))).toMatchObject({
        isNewElite: true,
        isNewBest: island === 0,
      });
    }
    expect(population.islandSizes()).toEqual([1, 1]);
    expect(population.archive().map((m) => m.id)).toEqual([7]);
    expect(population.size).toBe(1);
    population.recordChild(7);
    expect(population.snapshot().islands.map((i) => i.cells[0]?.children)).toEqual([1, 1]);
    // losing its cell on one island, it stays held by the other
    population.add(member(8, 2, { island: 0 }));
    population.add(member(9, 3, { island: 0, x: 3 }));
    population.add(member(10, 4, { island: 0, x: 2 }));
    expect(population.get(7)?.id).toBe(7);
    expect(population.children(7)).toBe(1);
  });

  it("copies members so later changes by the caller do not leak in", () => {
    const population = grid();
    const m = member(1, 3);
    population.add(m);
    m.fitness = 100;
    if (m.features.x !== undefined) m.features.x = 3;
    expect(population.get(1)).toMatchObject({ fitness: 3, features: { x: 0 } });
    expect(Object.isFrozen(population.get(1))).toBe(true);
    expect(Object.isFrozen(population.get(1)?.features)).toBe(true);
  });

  it("places a member without a feature value in the lowest bin, with a warning", () => {
    const population = grid();
    const result = population.add({ ...member(1, 1), features: { x: 3.5, y: Number.NaN } });
    expect(result.cell).toBe("3,0");
    expect(result.warnings).toEqual([
      'member 1 has no value for feature "y": placed in its lowest bin',
    ]);
    expect(population.add(member(2, 1, { x: 1 })).warnings).toEqual([]);
  });

  it("rejects a non-finite fitness and an unknown island", () => {
    const population = grid();
    expect(() => population.add(member(2, Number.NaN))).toThrow(/fitness NaN/);
    expect(() => population.add(member(3, 1, { island: 2 }))).toThrow(/island 2 does not exist/);
    expect(() => population.add(member(4, 1, { island: -1 }))).toThrow(/islands are 0 to 1/);
    expect(population.added).toBe(0);
  });

  it("counts children of held members only", () => {
    const population = grid();
    population.add(member(1, 1));
    expect(population.recordChild(1)).toBe(true);
    expect(population.recordChild(1)).toBe(true);
    expect(population.recordChild(42)).toBe(false);
    expect(population.children(1)).toBe(2);
    expect(population.snapshot().islands[0]?.cells[0]?.children).toBe(2);
  });

  it("checks its config", () => {
    expect(() => new Population({ islands: 0 })).toThrow(StewardError);
    expect(() => new Population({ archiveSize: 0 })).toThrow(/population.archiveSize/);
    expect(() => new Population({ dimensions: [{ name: "x", bins: 2, min: 1, max: 1 }] })).toThrow(
      /dimensions\[0\]/,
    );
    expect(new Population().config.islands).toBe(4);
  });

  it("with no dimensions, keeps one elite per island", () => {
    const population = new Population({ islands: 1, dimensions: [] });
    expect(population.add(member(1, 1)).cell).toBe("");
    population.add(member(2, 2));
    expect(population.elites(0).map((m) => m.id)).toEqual([2]);
  });
});
