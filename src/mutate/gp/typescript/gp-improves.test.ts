/**
 * A sanity check that gp makes real progress: a tiny hill climb evolves
 * f(x) = x towards 3x^2 + 2. Candidates (gp's own output) are transpiled and
 * loaded from a temporary file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../../../util/rng.ts";
import { transpileTs } from "../../../util/transpile.ts";
import { request } from "./gp.test-kit.ts";
import { createGpMutator } from "./gp-mutator.ts";

const SEED = `// EVOLVE-BLOCK-START
export function f(x: number): number {
  return x;
}
// EVOLVE-BLOCK-END
`;

const dir = mkdtempSync(join(tmpdir(), "steward-gp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function error(code: string): Promise<number> {
  const file = join(dir, `candidate-${files++}.mjs`);
  writeFileSync(file, transpileTs(code).code);
  const { f } = (await import(pathToFileURL(file).href)) as { f: (x: number) => number };
  let sum = 0;
  for (let x = -2; x <= 2; x += 0.25) {
    const y = f(x);
    if (!Number.isFinite(y)) return Number.POSITIVE_INFINITY;
    sum += (y - (3 * x * x + 2)) ** 2;
  }
  return Math.sqrt(sum / 17);
}

describe("gp on a small regression", () => {
  it("makes real progress towards 3x^2 + 2 in a few hundred evaluations", async () => {
    const gp = createGpMutator();
    const rng = createRng(2);
    // A tiny population: the best 8, parents at random, one of the others as inspiration.
    const population = [{ code: SEED, error: await error(SEED) }];
    const start = population[0]?.error ?? 0;
    const seen = new Set([SEED]);
    for (let i = 0; i < 600; i++) {
      const parent = rng.pick(population);
      const others = population.filter((p) => p !== parent).map((p) => p.code);
      const inspirations = others.length > 0 ? [rng.pick(others)] : [];
      const result = await gp.mutate(request(parent.code, rng, "typescript", inspirations));
      if (!result.ok || seen.has(result.code)) continue;
      seen.add(result.code);
      const e = await error(result.code);
      gp.reward?.(result.operator, e < parent.error);
      if (!Number.isFinite(e)) continue;
      population.push({ code: result.code, error: e });
      population.sort((a, b) => a.error - b.error || a.code.length - b.code.length);
      if (population.length > 8) population.pop();
    }
    expect(start).toBeGreaterThan(7);
    expect(population[0]?.error).toBeLessThan(start / 10);
  }, 60_000);
});
