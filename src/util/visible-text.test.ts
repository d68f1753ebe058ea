import { describe, expect, it } from "vitest";
import { isHiddenCharacter, visibleJson, visibleText } from "./visible-text.ts";

describe("visibleText", () => {
  it("writes C0 and C1 controls as \\x escapes, keeping newline and tab", () => {
    expect(visibleText("a\x1b[2Kb\rc\x00\x7f\x85\x9b\td\ne")).toBe(
      "a\\x1b[2Kb\\x0dc\\x00\\x7f\\x85\\x9b\td\ne",
    );
  });

  it("writes bidi controls, zero-width and other invisible characters as <U+XXXX>", () => {
    const hidden = [
      "\u202a",
      "\u202b",
      "\u202c",
      "\u202d",
      "\u202e",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
      "\u200e",
      "\u200f",
      "\u061c",
      "\u200b",
      "\u200c",
      "\u200d",
      "\u2060",
      "\ufeff",
      "\u00ad",
      "\u2028",
      "\u2029",
      "\ufe0f",
      "\u3164",
      "\u{e0041}",
      "\u{e0100}",
      "\ue000",
    ];
    for (const char of hidden) {
      expect(isHiddenCharacter(char)).toBe(true);
      const shown = visibleText(`x${char}y`);
      expect(shown).toMatch(/^x<U\+[0-9A-F]{4,6}>y$/);
    }
    expect(visibleText("\u202e")).toBe("<U+202E>");
    expect(visibleText("\u{e0041}")).toBe("<U+E0041>");
  });

  it("leaves ordinary text, including non-Latin letters and emoji, unchanged", () => {
    const text = "const π = 3.14; // naïve Привет 日本語 😀 \\x1b";
    expect(visibleText(text)).toBe(text);
  });
});

describe("visibleJson", () => {
  it("parses back to the same value and holds no raw control or invisible character", () => {
    const value = { diff: "+x\u202e\x1b[2K\x85\u200b\u{e0041}", n: 1 };
    const json = visibleJson(value);
    expect(JSON.parse(json)).toEqual(value);
    expect([...json].filter((c) => isHiddenCharacter(c) || c.charCodeAt(0) < 0x20)).toEqual([]);
    expect(json).toContain("\\u202e");
    expect(json).toContain("\\udb40\\udc41");
  });
});
