import { describe, expect, it } from "vitest";
import { replaceBlocks } from "../../../problem/markers.ts";
import { createRng } from "../../../util/rng.ts";
import { deleteStatement, type PyOperator, swapStatements } from "./operators.ts";
import { tokenize } from "./tokens.ts";

const body = "a = 1\nb = a + 1\nc = 2\nsuper().__init__()\nprint(b, c)\n";
const program = `# EVOLVE-BLOCK-START\n${body}# EVOLVE-BLOCK-END\n`;

/** Distinct results of one operator on `body` over 60 seeds. */
function results(operator: PyOperator): string[] {
  const out = new Set<string>();
  for (let seed = 1; seed <= 60; seed++) {
    const change = operator.apply({
      blocks: [tokenize(body)],
      rng: createRng(seed),
      donors: () => [],
      program: replaceBlocks(program, [body]),
    });
    if (change) out.add(change.text);
  }
  return [...out].sort();
}

describe("Python statement operators respect data dependencies", () => {
  it("swaps only statements that neither read nor bind each other's names, never the base constructor", () => {
    expect(results(swapStatements)).toEqual([
      "a = 1\nc = 2\nb = a + 1\nsuper().__init__()\nprint(b, c)\n",
    ]);
  });

  it("deletes calls and dead stores, never a definition that is read or the base constructor", () => {
    expect(results(deleteStatement)).toEqual(["a = 1\nb = a + 1\nc = 2\nsuper().__init__()\n"]);
  });
});
