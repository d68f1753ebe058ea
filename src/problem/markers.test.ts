import { describe, expect, it } from "vitest";
import { StewardError } from "../errors.ts";
import { changedOutsideBlocks, MarkersError, parseBlocks, replaceBlocks } from "./markers.ts";

const SEED = [
  "// header", // 1
  "// EVOLVE-BLOCK-START", // 2
  "export function a() {", // 3
  "  return 1;", // 4
  "}", // 5
  "// EVOLVE-BLOCK-END", // 6
  "const middle = 2;", // 7
  "/* EVOLVE-BLOCK-START */", // 8
  "export const b = 3;", // 9
  "/* EVOLVE-BLOCK-END */", // 10
  "export default a;", // 11
  "",
].join("\n");

function markersError(code: string): MarkersError {
  try {
    parseBlocks(code);
  } catch (error) {
    expect(error).toBeInstanceOf(MarkersError);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe("markers-invalid");
    return error as MarkersError;
  }
  throw new Error("expected the markers to be rejected");
}

describe("parseBlocks", () => {
  it("finds several blocks with their interiors and lines", () => {
    expect(parseBlocks(SEED)).toEqual([
      { firstLine: 3, lastLine: 5, text: "export function a() {\n  return 1;\n}\n" },
      { firstLine: 9, lastLine: 9, text: "export const b = 3;\n" },
    ]);
  });

  it.each([
    ["//", "// EVOLVE-BLOCK-START", "// EVOLVE-BLOCK-END"],
    ["#", "# EVOLVE-BLOCK-START", "# EVOLVE-BLOCK-END"],
    ["/* */", "/* EVOLVE-BLOCK-START */", "/* EVOLVE-BLOCK-END */"],
    ["--", "-- EVOLVE-BLOCK-START", "-- EVOLVE-BLOCK-END"],
    ["<!-- -->", "  <!-- EVOLVE-BLOCK-START -->", "  <!-- EVOLVE-BLOCK-END -->"],
    ["; (lisp)", ";; EVOLVE-BLOCK-START: the heuristic", ";; EVOLVE-BLOCK-END"],
  ])("reads %s markers", (_syntax, start, end) => {
    const code = `before\n${start}\nbody 1\nbody 2\n${end}\nafter\n`;
    expect(parseBlocks(code)).toEqual([{ firstLine: 3, lastLine: 4, text: "body 1\nbody 2\n" }]);
  });

  it("allows an empty block", () => {
    expect(parseBlocks("# EVOLVE-BLOCK-START\n# EVOLVE-BLOCK-END\n")).toEqual([
      { firstLine: 2, lastLine: 1, text: "" },
    ]);
  });

  it("treats a file without markers as one block holding everything", () => {
    expect(parseBlocks("a\nb\n")).toEqual([{ firstLine: 1, lastLine: 2, text: "a\nb\n" }]);
    expect(parseBlocks("")).toEqual([{ firstLine: 1, lastLine: 0, text: "" }]);
  });

  it("keeps CRLF line breaks in the interior", () => {
    const code = "a\r\n// EVOLVE-BLOCK-START\r\nbody\r\n// EVOLVE-BLOCK-END\r\nz\r\n";
    expect(parseBlocks(code)).toEqual([{ firstLine: 3, lastLine: 3, text: "body\r\n" }]);
  });

  it.each([
    ["an unclosed START", "a\n// EVOLVE-BLOCK-START\nb\n", 2, /never closed/],
    [
      "an END before any START",
      "a\n// EVOLVE-BLOCK-END\n// EVOLVE-BLOCK-START\n",
      2,
      /without an EVOLVE-BLOCK-START/,
    ],
    [
      "a nested START",
      "// EVOLVE-BLOCK-START\na\n// EVOLVE-BLOCK-START\nb\n// EVOLVE-BLOCK-END\n// EVOLVE-BLOCK-END\n",
      3,
      /opened at line 1 \(blocks cannot nest\)/,
    ],
    [
      "a second END",
      "// EVOLVE-BLOCK-START\na\n// EVOLVE-BLOCK-END\nb\n// EVOLVE-BLOCK-END\n",
      5,
      /without an EVOLVE-BLOCK-START/,
    ],
    [
      "both markers on one line",
      "x\n/* EVOLVE-BLOCK-START */ y /* EVOLVE-BLOCK-END */\n",
      2,
      /on one line/,
    ],
  ])("rejects %s, naming the line", (_what, code, line, reason) => {
    const error = markersError(code);
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(reason);
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
  });
});

describe("changedOutsideBlocks", () => {
  const lines = SEED.split("\n");
  const edit = (line: number, text: string) =>
    lines.map((l, i) => (i === line - 1 ? text : l)).join("\n");

  it("accepts the seed itself", () => {
    expect(changedOutsideBlocks(SEED, SEED)).toEqual({ ok: true });
  });

  it("accepts a seed with repeated lines outside the blocks (PEP 8's two blank lines)", () => {
    const python =
      "import sys\n\n\n# EVOLVE-BLOCK-START\ndef f(x):\n    return x\n# EVOLVE-BLOCK-END\n\n\ndef g():\n    pass\n";
    expect(changedOutsideBlocks(python, python)).toEqual({ ok: true });
    expect(changedOutsideBlocks(python, python.replace("\n\n\ndef g", "\n\ndef g"))).toEqual({
      ok: false,
      line: 9,
      reason: expect.stringMatching(/^the seed's line "" is missing/),
    });
  });

  it("accepts edits inside each block, including growing and emptying them", () => {
    expect(changedOutsideBlocks(SEED, edit(4, "  return 2;"))).toEqual({ ok: true });
    expect(
      changedOutsideBlocks(SEED, edit(9, "export const b = 4;\nconst extra = [1, 2];")),
    ).toEqual({ ok: true });
    expect(changedOutsideBlocks(SEED, replaceBlocks(SEED, ["", ""]))).toEqual({ ok: true });
  });

  it.each([
    [1, "// header!", "the header"],
    [7, "const middle = 3;", "code between blocks"],
    [11, "export default b;", "the footer"],
    [2, "// EVOLVE-BLOCK-START (edited)", "a START marker line"],
    [6, "  // EVOLVE-BLOCK-END", "an END marker line"],
    [10, "/*EVOLVE-BLOCK-END*/", "the second block's END marker"],
  ])("rejects a change at line %i (%s)", (line, text) => {
    expect(changedOutsideBlocks(SEED, edit(line, text))).toEqual({
      ok: false,
      line,
      reason: expect.stringMatching(/^the line reads .* where the seed's reads /),
    });
  });

  it("rejects a line added or removed outside the blocks, naming the line", () => {
    expect(changedOutsideBlocks(SEED, edit(7, "const middle = 2;\nconst sneaky = 1;"))).toEqual({
      ok: false,
      line: 8,
      reason: expect.stringMatching(/^an extra line "const sneaky = 1;"/),
    });
    const removed = changedOutsideBlocks(SEED, lines.filter((_, i) => i !== 0).join("\n"));
    expect(removed).toEqual({
      ok: false,
      line: 1,
      reason: `the seed's line "// header" is missing`,
    });
  });

  it("rejects a missing or added final line break", () => {
    expect(changedOutsideBlocks(SEED, SEED.trimEnd())).toMatchObject({
      ok: false,
      line: 11,
      reason: expect.stringMatching(/lost its line break/),
    });
  });

  it("rejects an added block, a removed block and removed markers", () => {
    const added = edit(7, "const middle = 2;\n// EVOLVE-BLOCK-START\nx\n// EVOLVE-BLOCK-END");
    expect(changedOutsideBlocks(SEED, added)).toMatchObject({
      ok: false,
      line: 8,
      reason: "the seed has 2 EVOLVE-BLOCKs, the candidate 3",
    });
    const merged = lines.filter((_, i) => i !== 5 && i !== 7).join("\n");
    expect(changedOutsideBlocks(SEED, merged)).toMatchObject({
      ok: false,
      reason: "the seed has 2 EVOLVE-BLOCKs, the candidate 1",
    });
    const bare = "export function a() {\n  return 1;\n}\n";
    expect(changedOutsideBlocks(SEED, bare)).toMatchObject({
      ok: false,
      line: 1,
      reason: "the seed has 2 EVOLVE-BLOCKs, the candidate none",
    });
  });

  it("rejects a candidate whose markers are malformed, naming the line", () => {
    const nested = edit(4, "  // EVOLVE-BLOCK-START");
    expect(changedOutsideBlocks(SEED, nested)).toEqual({
      ok: false,
      line: 4,
      reason: expect.stringMatching(/blocks cannot nest/),
    });
    expect(changedOutsideBlocks(SEED, edit(4, "  // EVOLVE-BLOCK-END"))).toMatchObject({
      ok: false,
      line: 6,
    });
  });

  it("accepts anything when the seed has no markers", () => {
    expect(changedOutsideBlocks("a\n", "b\nc\n")).toEqual({ ok: true });
  });

  it("throws for a seed with malformed markers", () => {
    expect(() => changedOutsideBlocks("// EVOLVE-BLOCK-START\n", "x")).toThrow(MarkersError);
  });

  it("treats CRLF and LF line breaks alike, but not other bytes", () => {
    const crlf = SEED.replaceAll("\n", "\r\n");
    expect(changedOutsideBlocks(crlf, SEED)).toEqual({ ok: true });
    expect(changedOutsideBlocks(SEED, crlf)).toEqual({ ok: true });
    expect(changedOutsideBlocks(crlf, crlf.replace("return 1;", "return 2;"))).toEqual({
      ok: true,
    });
    expect(changedOutsideBlocks(crlf, crlf.replace("// header", "// header "))).toMatchObject({
      ok: false,
      line: 1,
    });
    expect(
      changedOutsideBlocks(SEED, SEED.replace("// header\n", "// header\r\r\n")),
    ).toMatchObject({
      ok: false,
      line: 1,
    });
  });
});

describe("replaceBlocks", () => {
  it("replaces each interior in order and keeps the rest", () => {
    const out = replaceBlocks(SEED, [
      "export function a() {\n  return 5;\n}\n",
      "export const b = 6;",
    ]);
    expect(out).toBe(SEED.replace("return 1;", "return 5;").replace("b = 3;", "b = 6;"));
    expect(changedOutsideBlocks(SEED, out)).toEqual({ ok: true });
    expect(parseBlocks(out)[1]?.text).toBe("export const b = 6;\n");
  });

  it("follows the seed's CRLF line breaks", () => {
    const crlf = SEED.replaceAll("\n", "\r\n");
    const out = replaceBlocks(crlf, ["one\ntwo", ""]);
    expect(parseBlocks(out)).toEqual([
      { firstLine: 3, lastLine: 4, text: "one\r\ntwo\r\n" },
      { firstLine: 8, lastLine: 7, text: "" },
    ]);
    expect(out.replaceAll("\r\n", "")).not.toContain("\n");
  });

  it("replaces the whole file when the seed has no markers", () => {
    expect(replaceBlocks("old\n", ["new"])).toBe("new");
  });

  it("refuses the wrong number of interiors", () => {
    expect(() => replaceBlocks(SEED, ["x"])).toThrow(/has 2 EVOLVE-BLOCKs but 1 interiors/);
  });
});
