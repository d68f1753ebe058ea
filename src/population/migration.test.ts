import { describe, expect, it } from "vitest";
import { GRID_DIMENSIONS, member } from "./members.test-kit.ts";
import { Population } from "./population.ts";

const ring = (islands: number, migrationInterval: number, migrationCount = 2) =>
  new Population({ islands, migrationInterval, migrationCount, dimensions: GRID_DIMENSIONS });

const ids = (population: Population, island: number) =>
  population
    .elites(island)
    .map((m) => m.id)
    .sort((a, b) => a - b);

describe("migration", () => {
  it("runs exactly every migrationInterval adds", () => {
    const population = ring(2, 5);
    const migratedAt: number[] = [];
    for (let i = 1; i <= 12; i++) {
      if (population.add(member(i, i, { x: i % 4, island: i % 2 })).migrated) migratedAt.push(i);
    }
    expect(migratedAt).toEqual([5, 10]);
    expect(population.migrations).toBe(2);
  });

  it("copies each island's fittest elites to the next island in the ring", () => {
    const dimensions = [{ name: "x", bins: 12, min: 0, max: 12 }];
    const population = new Population({ islands: 3, migrationInterval: 12, dimensions });
    // island i gets ids 4i+1..4i+4 in cells 4i..4i+3 with fitness 10i + 1..4
    for (let island = 0; island < 3; island++) {
      for (let k = 1; k <= 4; k++) {
        const id = 4 * island + k;
        population.add({ ...member(id, 10 * island + k, { island }), features: { x: id - 1 } });
      }
    }
    expect(population.migrations).toBe(1);
    expect(ids(population, 1)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(ids(population, 2)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(ids(population, 0)).toEqual([1, 2, 3, 4, 11, 12]);
    expect(population.elites(1).find((m) => m.id === 4)).toMatchObject({ fitness: 4, island: 0 });
    const migrated = population
      .snapshot()
      .islands.map((island) => island.cells.filter((c) => c.migrated).map((c) => [c.id, c.cell]));
    expect(migrated).toEqual([
      [
        [11, "10"],
        [12, "11"],
      ],
      [
        [3, "2"],
        [4, "3"],
      ],
      [
        [7, "6"],
        [8, "7"],
      ],
    ]);
  });

  it("places copies by their features, competing with the target cell's incumbent", () => {
    const population = ring(2, 4, 1);
    population.add(member(1, 5, { x: 0, island: 0 }));
    population.add(member(2, 9, { x: 0, island: 1 }));
    population.add(member(3, 1, { x: 3, island: 1 }));
    population.add(member(4, 0, { x: 2, island: 0 }));
    // island 0 sends id 1 (fitness 5) to cell "0,0" of island 1, held by id 2 (fitness 9)
    expect(ids(population, 1)).toEqual([2, 3]);
    // island 1 sends id 2 to cell "0,0" of island 0, where it beats id 1
    expect(ids(population, 0)).toEqual([2, 4]);
    expect(population.get(1)?.id).toBe(1); // still in the archive
  });

  it("never migrates a copy on, so members do not ping-pong or spread round the ring", () => {
    const population = ring(3, 3);
    let id = 0;
    for (let round = 0; round < 40; round++) {
      for (let island = 0; island < 3; island++) {
        id++;
        population.add(member(id, (id * 7919) % 101, { x: id % 4, y: (id >> 2) % 2, island }));
      }
    }
    expect(population.migrations).toBe(40);
    const home = new Map<number, number>();
    for (let island = 0; island < 3; island++) {
      const here = population.elites(island).map((m) => m.id);
      expect(new Set(here).size).toBe(here.length);
      for (const m of population.elites(island)) {
        expect([m.island, (m.island + 1) % 3]).toContain(island);
        home.set(m.id, m.island);
      }
    }
    expect(home.size).toBeGreaterThan(0);
  });

  it("with two islands, a copy is never sent back to an island holding it", () => {
    const population = ring(2, 2, 8);
    population.add(member(1, 5, { x: 0, island: 0 }));
    population.add(member(2, 4, { x: 1, island: 1 }));
    for (let i = 0; i < 10; i++) {
      population.add(member(100 + i, 0, { x: 3, y: 1, island: i % 2 }));
    }
    const snapshot = population.snapshot();
    for (const island of snapshot.islands) {
      const here = island.cells.map((c) => c.id);
      expect(new Set(here).size).toBe(here.length);
    }
    expect(ids(population, 0)).toEqual([1, 2, 100]);
    expect(ids(population, 1)).toEqual([1, 2, 101]);
  });

  it("does nothing with one island or migrationInterval 0", () => {
    const single = ring(1, 1);
    expect(single.add(member(1, 1)).migrated).toBe(false);
    expect(single.migrations).toBe(0);
    const never = ring(2, 0);
    for (let i = 0; i < 10; i++)
      expect(never.add(member(i, i, { island: i % 2 })).migrated).toBe(false);
  });
});
