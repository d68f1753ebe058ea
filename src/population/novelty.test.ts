import { describe, expect, it } from "vitest";
import { NoveltyIndex, similarity, tokenize } from "./novelty.ts";

/** A plausible program of about 40 lines; `seed` varies names and constants. */
function program(seed: number, constant = 0.5): string {
  const lines = [
    `export function pack(items: number[], capacity = ${capacity(seed)}): number[][] {`,
    "  const bins: number[][] = [];",
    "  const loads: number[] = [];",
  ];
  for (let i = 0; i < 12; i++) {
    lines.push(`  const w${i} = items[${i}] ?? 0;`);
    lines.push(
      `  if (w${i} * ${constant} > capacity - ${(seed * 7 + i) % 13}) bins.push([w${i}]);`,
    );
    lines.push(`  else loads.push(Math.min(w${i}, capacity / ${i + 2}));`);
  }
  lines.push("  return bins;", "}");
  return lines.join("\n");
}

function capacity(seed: number): number {
  return 100 + seed;
}

const UNRELATED = `
def fib(n):
    """Fibonacci numbers."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

class Cache:
    def __init__(self):
        self.store = {}
    def get(self, key, default=None):
        return self.store.get(key, default)
`;

describe("similarity", () => {
  it("is 1 for identical code and for whitespace- or comment-only changes", () => {
    const code = program(1);
    expect(similarity(code, code)).toBe(1);
    const reformatted = code
      .replace(/\n/g, "\n\n  ")
      .replace(/ = /g, "=")
      .replace(/;\n/g, "; // note\n")
      .replace("const bins", "/* a\n block */ const bins");
    expect(similarity(code, reformatted)).toBe(1);
  });

  it("is high for a small constant change and low for unrelated code", () => {
    const s = similarity(program(1, 0.5), program(1, 0.75));
    expect(s).toBeGreaterThan(0.6);
    expect(s).toBeLessThan(1);
    expect(
      similarity(program(1), program(1).replace("capacity / 5", "capacity / 6")),
    ).toBeGreaterThan(0.9);
    expect(similarity(program(1), UNRELATED)).toBeLessThan(0.1);
  });

  it("ignores comments but not strings or private names", () => {
    expect(tokenize('x = "a // b"; # note\ny = #p; #!x')).toEqual([
      "x",
      "=",
      '"a // b"',
      ";",
      "y",
      "=",
      "#p",
      ";",
    ]);
    expect(similarity("", "")).toBe(1);
    expect(similarity("", "x")).toBe(0);
  });
});

describe("NoveltyIndex", () => {
  it("finds the most similar program on the island only", () => {
    const index = new NoveltyIndex();
    expect(index.mostSimilar(0, program(1))).toBeNull();
    index.add(0, 10, program(1));
    index.add(0, 11, UNRELATED);
    index.add(1, 12, program(2));
    expect(index.mostSimilar(0, program(1, 0.75))).toMatchObject({ programId: 10 });
    expect(index.mostSimilar(0, program(1))).toEqual({ programId: 10, similarity: 1 });
    expect(index.mostSimilar(1, program(1))?.programId).toBe(12);
    expect(index.mostSimilar(2, program(1))).toBeNull();
  });

  it("rejects at or above the threshold, and never with threshold 1", () => {
    const index = new NoveltyIndex();
    expect(index.isNovel(0, program(1), 0.97)).toBe(true);
    index.add(0, 1, program(1));
    const reformatted = program(1).replace(/\n/g, "\n\n");
    expect(index.isNovel(0, reformatted, 0.97)).toBe(false);
    expect(index.isNovel(0, reformatted, 1)).toBe(true);
    const tweaked = program(1, 0.75);
    const s = index.mostSimilar(0, tweaked)?.similarity ?? 0;
    expect(index.isNovel(0, tweaked, s)).toBe(false);
    expect(index.isNovel(0, tweaked, s + 0.01)).toBe(true);
    expect(index.isNovel(0, UNRELATED, 0.5)).toBe(true);
  });

  it("keeps only the most recent programs per island", () => {
    const index = new NoveltyIndex({ capacity: 3 });
    for (let id = 1; id <= 5; id++) index.add(0, id, program(id * 100));
    expect(index.size(0)).toBe(3);
    expect(index.mostSimilar(0, program(100))?.similarity).toBeLessThan(1);
    expect(index.mostSimilar(0, program(500))).toEqual({ programId: 5, similarity: 1 });
    index.add(0, 3, program(300));
    index.add(0, 6, program(600));
    expect(index.mostSimilar(0, program(300))).toEqual({ programId: 3, similarity: 1 });
  });
});
