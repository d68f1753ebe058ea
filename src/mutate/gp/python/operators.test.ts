import { describe, expect, it } from "vitest";
import { createRng } from "../../../util/rng.ts";
import { applyChange, type PyOperator } from "./operator.ts";
import { deleteStatement, swapStatements } from "./statements.ts";
import { swapFunction, swapOperator } from "./swaps.ts";
import { readSource } from "./syntax-tree.ts";

const body = "a = 1\nb = a + 1\nc = 2\nsuper().__init__()\nprint(b, c)\n";
const program = `x = 0\n# EVOLVE-BLOCK-START\n${body}# EVOLVE-BLOCK-END\n`;

/** Distinct results of one operator on `code` over 60 seeds. */
function results(operator: PyOperator, code = program): string[] {
  const source = readSource(code);
  if (!source) throw new Error("fixture does not parse");
  const out = new Set<string>();
  for (let seed = 1; seed <= 60; seed++) {
    const change = operator.apply({ source, rng: createRng(seed), donors: () => [] });
    if (change) out.add(applyChange(code, change));
  }
  return [...out].sort();
}

const block = (text: string) => `x = 0\n# EVOLVE-BLOCK-START\n${text}# EVOLVE-BLOCK-END\n`;

describe("Python statement operators respect data dependencies", () => {
  it("swaps only statements that neither read nor bind each other's names, never the base constructor", () => {
    expect(results(swapStatements)).toEqual([
      block("a = 1\nc = 2\nb = a + 1\nsuper().__init__()\nprint(b, c)\n"),
    ]);
  });

  it("deletes calls and dead stores, never a definition that is read or the base constructor", () => {
    expect(results(deleteStatement)).toEqual([
      block("a = 1\nb = a + 1\nc = 2\nsuper().__init__()\n"),
    ]);
  });

  it("never touches code outside the blocks, nor a statement that shares its line", () => {
    const code =
      "y = 1\ny = 2\n# EVOLVE-BLOCK-START\nz = 3; w = 4\nprint(z, w)\n# EVOLVE-BLOCK-END\n";
    expect(results(deleteStatement, code)).toEqual([
      "y = 1\ny = 2\n# EVOLVE-BLOCK-START\nz = 3; w = 4\n# EVOLVE-BLOCK-END\n",
    ]);
  });
});

describe("Python operator swaps stay in their class", () => {
  it("swaps comparison, boolean and arithmetic operators for ones of the same precedence", () => {
    const out = results(swapOperator, block("ok = a < b and c * d > 2\n"));
    expect(out.length).toBeGreaterThan(3);
    for (const code of out) {
      expect(code).toMatch(
        /^x = 0\n# EVOLVE-BLOCK-START\nok = a (<|<=|>|>=) b (and|or) c (\*|\/) d (<|<=|>|>=) 2\n/,
      );
    }
  });

  it("swaps an optimizer for a drop-in alternative and leaves a string's % alone", () => {
    const out = results(
      swapFunction,
      block("opt = torch.optim.Adam(params, lr=3e-3)\ns = '%d' % n\n"),
    );
    expect(out.length).toBeGreaterThan(1);
    for (const code of out)
      expect(code).toMatch(
        /opt = torch\.optim\.(AdamW|NAdam|RAdam|RMSprop)\(params, lr=3e-3\)\ns = '%d' % n/,
      );
  });
});
