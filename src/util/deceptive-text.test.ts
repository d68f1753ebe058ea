import { describe, expect, it } from "vitest";
import { deceptiveTextWarnings, findDeceptiveText } from "./deceptive-text.ts";

describe("findDeceptiveText", () => {
  it("finds a Trojan Source bidi override with its line and column", () => {
    const code = 'let ok = 1;\nif (role === "user\u202e \u2066// admin\u2069 \u2066") ok = 0;\n';
    const found = findDeceptiveText(code);
    expect(found.map((f) => f.kind)).toEqual([
      "bidi-control",
      "bidi-control",
      "bidi-control",
      "bidi-control",
    ]);
    expect(found[0]).toMatchObject({ line: 2, column: 19, text: "<U+202E>" });
  });

  it("finds zero-width characters, ANSI escapes and lone carriage returns, not CRLF endings", () => {
    const code = "const a\u200b = 1;\r\nconst b = 2; // \x1b[2K\nx = 1;\ry = 2;\n";
    expect(findDeceptiveText(code).map((f) => [f.kind, f.line, f.text])).toEqual([
      ["invisible-character", 1, "<U+200B>"],
      ["control-character", 2, "\\x1b"],
      ["control-character", 3, "\\x0d"],
    ]);
  });

  it("finds an identifier mixing Latin and Cyrillic, not single-script ones", () => {
    const code =
      "const v\u0430lue = 1;\nconst значение = 2;\nconst naïve = 3;\nconst 日本ご = 4;\n";
    const found = findDeceptiveText(code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "mixed-script-identifier", line: 1, column: 7 });
    expect(found[0]?.text).toBe("v\u0430<U+0430>lue (Latin + Cyrillic)");
  });

  it("does not flag emoji presentation selectors and joiners inside emoji", () => {
    expect(
      findDeceptiveText(
        '// done \u2705\ufe0f, "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}" \u2764\ufe0f\u200d\u{1f525}\n',
      ),
    ).toEqual([]);
    expect(findDeceptiveText("const a = 1;\ufe0f\u200d\n").map((f) => f.kind)).toEqual([
      "invisible-character",
      "invisible-character",
    ]);
  });

  it("finds nothing in plain code", () => {
    expect(findDeceptiveText("export function f(x: number) {\n\treturn x * 2;\n}\n")).toEqual([]);
  });
});

describe("deceptiveTextWarnings", () => {
  it("gives one warning per kind, naming lines", () => {
    const warnings = deceptiveTextWarnings("a\u202e\nb\u202e\nc\u200b\n");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("bidi controls");
    expect(warnings[0]).toContain("line 1 <U+202E>, line 2 <U+202E>");
    expect(warnings[1]).toContain("invisible characters");
    expect(deceptiveTextWarnings("const x = 1;\n")).toEqual([]);
  });
});
