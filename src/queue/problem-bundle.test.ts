import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadProblem } from "../problem/load-problem.ts";
import { readBundle } from "./problem-bundle.ts";

const example = (name: string) =>
  loadProblem(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)));

describe("a problem's bundle", () => {
  it("ships the evaluator's imports, the seed, the charter and the folder's package.json (how its TypeScript loads)", () => {
    const { manifest } = readBundle(example("bin-packing"));
    for (const file of [
      "steward.yaml",
      "evaluate.ts",
      "driver.ts",
      "lib/families.ts",
      "program.ts",
      "package.json",
    ])
      expect(Object.keys(manifest)).toContain(file);
    expect(Object.values(manifest).every((digest) => /^[0-9a-f]{64}$/.test(digest))).toBe(true);
  });

  it("hashes to the same value twice and to another one for another problem", () => {
    expect(readBundle(example("bin-packing")).hash).toBe(readBundle(example("bin-packing")).hash);
    expect(readBundle(example("bin-packing")).hash).not.toBe(
      readBundle(example("symbolic-regression")).hash,
    );
  });
});
