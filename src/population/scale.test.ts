import { describe, expect, it } from "vitest";
import { createRng } from "../util/rng.ts";
import { Population } from "./population.ts";

const ADDS = 100_000;

function population(bins: number): Population {
  return new Population({
    islands: 4,
    archiveSize: 20,
    dimensions: [
      { name: "code_length", bins, min: 0, max: 10_000 },
      { name: "complexity", bins, min: 0, max: 1_000 },
    ],
  });
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe("scale", () => {
  it(`adds ${ADDS} members fast, holding only the elites`, () => {
    const rng = createRng(1);
    const p = population(10);
    const ms = timed(() => {
      for (let id = 0; id < ADDS; id++) {
        p.add({
          id,
          island: id % 4,
          fitness: rng.normal() + id / ADDS,
          features: { code_length: 5_000 + 2_000 * rng.normal(), complexity: 1_000 * rng.next() },
          parentId: null,
          generation: 0,
        });
      }
    });
    console.log(
      `population: ${ADDS} adds in ${ms.toFixed(0)} ms (${((ms * 1000) / ADDS).toFixed(2)} µs each), ` +
        `${p.size} members held`,
    );
    expect(p.added).toBe(ADDS);
    expect(p.migrations).toBe(ADDS / 50);
    expect(p.size).toBeLessThanOrEqual(4 * 100 + 20);
    expect(Math.max(...p.islandSizes())).toBeLessThanOrEqual(100);
    expect(ms).toBeLessThan(10_000);
  });

  // 10x10 is a typical grid; 50x50 (thousands of elites per island) shows the O(elites) selection.
  for (const [bins, steps] of [
    [10, ADDS],
    [50, ADDS / 4],
  ] as const) {
    it(`runs ${steps} loop steps (select, inspirations, add, recordChild) over ${bins}x${bins} cells`, () => {
      const rng = createRng(2);
      const p = population(bins);
      for (let island = 0; island < 4; island++) {
        p.add({
          id: island,
          island,
          fitness: 0,
          features: { code_length: 5_000, complexity: 500 },
          parentId: null,
          generation: 0,
        });
      }
      const ms = timed(() => {
        for (let id = 4; id < steps; id++) {
          const island = id % 4;
          const parent = p.selectParent(island, rng);
          p.inspirations(island, parent.id, 4, rng);
          p.recordChild(parent.id);
          p.add({
            id,
            island,
            fitness: parent.fitness + rng.normal(),
            features: {
              code_length: (parent.features.code_length ?? 0) + 300 * rng.normal(),
              complexity: (parent.features.complexity ?? 0) + 30 * rng.normal(),
            },
            parentId: parent.id,
            generation: parent.generation + 1,
          });
        }
      });
      console.log(
        `population: ${steps} loop steps over ${bins}x${bins} cells x 4 islands in ${ms.toFixed(0)} ms ` +
          `(${((ms * 1000) / steps).toFixed(1)} µs each), cells ${p.islandSizes().join("/")}, ${p.size} held`,
      );
      expect(p.size).toBeLessThanOrEqual(4 * bins * bins + 20);
      expect(ms).toBeLessThan(30_000);
    }, 120_000);
  }
});
