import { describe, expect, it } from "vitest";
import { applyReply } from "./apply-reply.ts";
import { formatEditFeedback } from "./feedback.ts";
import type { EditFailure, EditResult } from "./types.ts";

const PROGRAM = [
  'import { helper } from "./helper.ts";',
  "",
  "export function score(xs: number[]): number {",
  "  // EVOLVE-BLOCK-START",
  "  let total = 0;",
  "  for (const x of xs) {",
  "    total += x * 2;",
  "  }",
  "  return total;",
  "  // EVOLVE-BLOCK-END",
  "}",
  "",
].join("\n");

const TWO_BLOCKS = [
  "// EVOLVE-BLOCK-START",
  "const a = 1;",
  "// EVOLVE-BLOCK-END",
  "export const middle = a;",
  "// EVOLVE-BLOCK-START",
  "const b = 2;",
  "// EVOLVE-BLOCK-END",
  "",
].join("\n");

const sr = (search: string, replace: string) =>
  `<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE`;

function failed(result: EditResult, reason: EditFailure): string {
  expect(result).toMatchObject({ ok: false, reason });
  return result.ok ? "" : result.message;
}

function code(result: EditResult): string {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result.code;
}

describe("applyReply: SEARCH/REPLACE", () => {
  it("applies an exact edit and keeps the prose as rationale", () => {
    const reply = `Doubling is wasteful; triple instead.\n\n\`\`\`ts\n${sr("    total += x * 2;", "    total += x * 3;")}\n\`\`\`\n`;
    const result = applyReply(PROGRAM, reply);
    expect(code(result)).toBe(PROGRAM.replace("x * 2", "x * 3"));
    expect(result).toMatchObject({
      rationale: "Doubling is wasteful; triple instead.",
      edits: 1,
      kind: "search-replace",
    });
  });

  it("applies several edits in order, each against the edited text", () => {
    const reply = `${sr("  let total = 0;", "  let total = 1;")}\n${sr("  let total = 1;", "  let total = 5;")}`;
    const result = applyReply(PROGRAM, reply);
    expect(code(result)).toBe(PROGRAM.replace("total = 0", "total = 5"));
    expect(result).toMatchObject({ edits: 2 });
  });

  it("tolerates indentation, trailing spaces and blank lines, and re-indents the replacement", () => {
    const reply = sr(
      "for (const x of xs) {   \n\n  total += x * 2;\n}",
      "for (const x of xs) {\n  total += x * 2 + 1;\n}",
    );
    expect(code(applyReply(PROGRAM, reply))).toBe(PROGRAM.replace("x * 2;", "x * 2 + 1;"));
  });

  it("matches a CRLF program and keeps its line breaks", () => {
    const crlf = PROGRAM.replace(/\n/g, "\r\n");
    const result = applyReply(crlf, sr("  return total;", "  return total;\n  // done"));
    expect(code(result)).toBe(crlf.replace("return total;\r\n", "return total;\r\n  // done\r\n"));
  });

  it("accepts unchanged marker lines as context", () => {
    const reply = sr(
      "  // EVOLVE-BLOCK-START\n  let total = 0;",
      "  // EVOLVE-BLOCK-START\n  let total = -1;",
    );
    expect(code(applyReply(PROGRAM, reply))).toBe(PROGRAM.replace("total = 0", "total = -1"));
  });

  it("says no-match with the first line and the closest program line", () => {
    const message = failed(
      applyReply(PROGRAM, sr("    total += x * 4;", "    total += x;")),
      "no-match",
    );
    expect(message).toContain(
      'SEARCH block 1 matches nothing; its first line was: "    total += x * 4;"',
    );
    expect(message).toContain('closest line in the program is line 7: "    total += x * 2;"');
  });

  it("says which block failed after earlier ones were applied", () => {
    const reply = `${sr("  let total = 0;", "  let total = 1;")}\n${sr("  let total = 0;", "  let total = 2;")}`;
    expect(failed(applyReply(PROGRAM, reply), "no-match")).toContain(
      "SEARCH block 2 matches nothing (after applying blocks 1-1)",
    );
  });

  it("never guesses between two places, exact or tolerant", () => {
    const twice = "// EVOLVE-BLOCK-START\nx = 1;\ny = 2;\n  x = 1;\n// EVOLVE-BLOCK-END\n";
    expect(code(applyReply(twice, sr("x = 1;", "x = 3;")))).toBe(
      twice.replace("x = 1;\ny", "x = 3;\ny"),
    );
    expect(failed(applyReply(twice, sr(" x = 1;", "x = 3;")), "ambiguous")).toContain(
      'matches 2 places (starting on lines 2, 4); its first line was: " x = 1;"',
    );
  });

  it("rejects a change outside the blocks", () => {
    const reply = sr(
      'import { helper } from "./helper.ts";',
      'import { helper } from "./other.ts";',
    );
    expect(failed(applyReply(PROGRAM, reply), "outside-blocks")).toContain("line 1");
  });

  it("rejects an edit spanning two blocks even if the code between is kept", () => {
    const reply = sr(
      "const a = 1;\n// EVOLVE-BLOCK-END\nexport const middle = a;\n// EVOLVE-BLOCK-START\nconst b = 2;",
      "const a = 10;\n// EVOLVE-BLOCK-END\nexport const middle = a;\n// EVOLVE-BLOCK-START\nconst b = 20;",
    );
    expect(failed(applyReply(TWO_BLOCKS, reply), "outside-blocks")).toContain(
      "one SEARCH/REPLACE per block",
    );
  });

  it("rejects removing or adding markers", () => {
    const remove = sr("  return total;\n  // EVOLVE-BLOCK-END", "  return total;");
    expect(failed(applyReply(PROGRAM, remove), "markers")).toContain("line 10");
    const add = sr(
      "  return total;",
      "  return total;\n  // EVOLVE-BLOCK-END\n  // EVOLVE-BLOCK-START",
    );
    expect(failed(applyReply(PROGRAM, add), "markers")).toContain("adds the marker line");
  });

  it("says no-change when the edits leave the program as it was", () => {
    failed(applyReply(PROGRAM, sr("  let total = 0;", "  let total = 0;")), "no-change");
  });

  it("says malformed for a cut-off block, an unclosed fence or an empty SEARCH", () => {
    expect(
      failed(applyReply(PROGRAM, "<<<<<<< SEARCH\n  let total = 0;\n=======\n  let"), "malformed"),
    ).toContain("never closed");
    failed(applyReply(PROGRAM, "<<<<<<< SEARCH\nx\n>>>>>>> REPLACE"), "malformed");
    failed(applyReply(PROGRAM, "Here:\n```ts\nlet total = 1;\n"), "malformed");
    failed(applyReply(PROGRAM, sr("", "x")), "malformed");
  });

  it("says no-code for prose only", () => {
    const result = applyReply(PROGRAM, "I think the code is already optimal.");
    failed(result, "no-code");
    expect(result.rationale).toBe("I think the code is already optimal.");
  });
});

describe("applyReply: block rewrite", () => {
  it("replaces the only block with marker-less fenced code", () => {
    const reply = "Use reduce.\n```ts\n  return xs.reduce((a, b) => a + 2 * b, 0);\n```";
    const result = applyReply(PROGRAM, reply);
    expect(code(result)).toBe(
      PROGRAM.replace(
        / {2}let total[\s\S]*return total;\n/,
        "  return xs.reduce((a, b) => a + 2 * b, 0);\n",
      ),
    );
    expect(result).toMatchObject({ kind: "block-rewrite", edits: 1, rationale: "Use reduce." });
  });

  it("replaces blocks by position from code with markers, whole program or blocks only", () => {
    const whole = `\`\`\`ts\n${TWO_BLOCKS.replace("a = 1", "a = 10").replace("b = 2", "b = 20")}\`\`\``;
    const expected = TWO_BLOCKS.replace("a = 1", "a = 10").replace("b = 2", "b = 20");
    expect(code(applyReply(TWO_BLOCKS, whole))).toBe(expected);
    const blocksOnly =
      "```ts\n// EVOLVE-BLOCK-START\nconst a = 10;\n// EVOLVE-BLOCK-END\n```\n```ts\n// EVOLVE-BLOCK-START\nconst b = 20;\n// EVOLVE-BLOCK-END\n```";
    expect(code(applyReply(TWO_BLOCKS, blocksOnly))).toBe(expected);
  });

  it("is ambiguous for marker-less code and several blocks, or several code blocks", () => {
    failed(applyReply(TWO_BLOCKS, "```ts\nconst a = 3;\n```"), "ambiguous");
    failed(applyReply(PROGRAM, "```ts\nreturn 1;\n```\nor\n```ts\nreturn 2;\n```"), "ambiguous");
  });

  it("rejects a rewrite that changes code outside the blocks or miscounts them", () => {
    const outside = `\`\`\`ts\n${TWO_BLOCKS.replace("middle = a", "middle = b")}\`\`\``;
    expect(failed(applyReply(TWO_BLOCKS, outside), "outside-blocks")).toContain("middle = b");
    const one = "```ts\n// EVOLVE-BLOCK-START\nconst a = 10;\n// EVOLVE-BLOCK-END\n```";
    expect(failed(applyReply(TWO_BLOCKS, one), "markers")).toContain(
      "has 1 EVOLVE-BLOCK but the program has 2",
    );
  });

  it("rejects the whole program without its markers", () => {
    const stripped = PROGRAM.split("\n")
      .filter((l) => !l.includes("EVOLVE"))
      .join("\n");
    failed(applyReply(PROGRAM, `\`\`\`ts\n${stripped}\`\`\``), "markers");
  });

  it("rewrites a marker-less program whole, and says no-change for the same code", () => {
    expect(code(applyReply("let x = 1;\n", "```js\nlet x = 2;\n```"))).toBe("let x = 2;\n");
    failed(applyReply("let x = 1;\n", "```js\nlet x = 1;\n```"), "no-change");
  });
});

describe("formatEditFeedback", () => {
  it("gives the message and a hint, and nothing for a success", () => {
    const text = formatEditFeedback(applyReply(PROGRAM, sr("nope", "x")));
    expect(text).toMatch(/^Your edit could not be applied: SEARCH block 1 matches nothing/);
    expect(text).toContain("Copy the SEARCH lines exactly");
    expect(
      formatEditFeedback(applyReply(PROGRAM, sr("  let total = 0;", "  let total = 1;"))),
    ).toBe("");
  });
});
