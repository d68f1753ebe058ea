import { describe, expect, it } from "vitest";
import { createRng } from "./rng.ts";

describe("createRng", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(seqA);
  });

  it("continues the same sequence after saving and restoring its state", () => {
    const a = createRng(7);
    for (let i = 0; i < 100; i++) a.next();
    const restored = createRng(7, a.state());
    expect(Array.from({ length: 20 }, () => restored.next())).toEqual(
      Array.from({ length: 20 }, () => a.next()),
    );
  });

  it("is roughly uniform and int stays in range", () => {
    const rng = createRng(1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    const normals = Array.from({ length: 50_000 }, () => rng.normal());
    const mean = normals.reduce((x, y) => x + y, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
  });
});
