import { describe, expect, it } from "vitest";
import { analyze } from "./analysis.ts";
import { inBlock } from "./gp.test-kit.ts";
import { namesOfKind } from "./scope.ts";
import type { Language } from "./sites.ts";

/** The number names in scope at the number expression whose text is `at`. */
function numbersAt(body: string, at: string, language: Language = "typescript"): string[] {
  const a = analyze(inBlock(body), language);
  const site = a.exprs.find((s) => s.node.getText(a.sf) === at);
  if (!site) throw new Error(`no number site ${at}`);
  return namesOfKind(site.scope, "number").sort();
}

describe("which names hold numbers", () => {
  it("reads annotations, defaults and declarations before the point", () => {
    const body = [
      "export function f(x: number, s: string, xs: number[], n = 3, m: 2 | 3 = 2) {",
      '  const label = s + "!";',
      "  let y = x * 2;",
      "  const z = y + n;",
      "  const late = 1;",
      "  return late + z;",
      "}",
    ].join("\n");
    expect(numbersAt(body, "y + n")).toEqual(["m", "n", "x", "y"]);
    expect(numbersAt(body, "late + z")).toEqual(["late", "m", "n", "x", "y", "z"]);
  });

  it("knows callbacks of number arrays and loop variables", () => {
    const body = [
      "export function f(xs: readonly number[], k: number): number {",
      "  let total = 0;",
      "  for (let i = 0; i < xs.length; i++) total += xs[i] * 1.5;",
      "  for (const v of xs) total -= v / 2;",
      "  return xs.map((w, j) => w * j).reduce((acc, u) => acc + u * 0.5, total);",
      "}",
    ].join("\n");
    expect(numbersAt(body, "xs[i] * 1.5")).toEqual(["i", "k", "total"]);
    expect(numbersAt(body, "v / 2")).toEqual(["k", "total", "v"]);
    expect(numbersAt(body, "w * j")).toEqual(["j", "k", "total", "w"]);
    expect(numbersAt(body, "acc + u * 0.5")).toEqual(["acc", "k", "total", "u"]);
  });

  it("reads JSDoc types and arithmetic use in JavaScript", () => {
    const body = [
      "/** @param {number} x @param {string} s */",
      "export function f(x, s, q) {",
      "  return x * 2 + q / 3;",
      "}",
    ].join("\n");
    expect(numbersAt(body, "x * 2 + q / 3", "javascript")).toEqual(["q", "x"]);
  });

  it("finds the bin packing seed's numbers and the capacity's array", () => {
    const a = analyze(
      inBlock(
        "export function priority(item: number, bins: number[]): number[] {\n  return bins.map((bin) => -(bin - item));\n}",
      ),
      "typescript",
    );
    const site = a.exprs.find((s) => s.node.getText(a.sf) === "bin - item");
    expect(site && namesOfKind(site.scope, "number").sort()).toEqual(["bin", "item"]);
    expect(site && namesOfKind(site.scope, "numbers")).toEqual(["bins"]);
    expect(a.arrows).toHaveLength(1);
  });

  it("offers no site outside the blocks, in types, or where a value is written", () => {
    const code = [
      "const outside = 1 + 2;",
      "// EVOLVE-BLOCK-START",
      "type N = 3;",
      "let k = 4;",
      "k = 5;",
      "k += 6;",
      "k++;",
      "export const g = (v: number) => ({ v, w: v * 7 });",
      "// EVOLVE-BLOCK-END",
    ].join("\n");
    const a = analyze(code, "typescript");
    expect(a.exprs.map((s) => s.node.getText(a.sf)).sort()).toEqual(
      ["4", "5", "6", "7", "v", "v * 7"].sort(),
    );
  });
});
