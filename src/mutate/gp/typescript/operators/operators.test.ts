import { describe, expect, it } from "vitest";
import { applyOperator, inBlock, outcomes } from "../gp.test-kit.ts";
import { constant } from "./constant.ts";
import { crossover } from "./crossover.ts";
import { deleteStatement } from "./delete-statement.ts";
import { duplicateStatement } from "./duplicate-statement.ts";
import { insertGuard, insertStatement } from "./insert-statement.ts";
import { replaceSubtree } from "./replace-subtree.ts";
import { shrink } from "./shrink.ts";
import { split } from "./split.ts";
import { swapMath } from "./swap-math.ts";
import { swapOperator } from "./swap-operator.ts";
import { swapStatements } from "./swap-statements.ts";
import { wrap } from "./wrap.ts";

const fn = (body: string, params = "x: number, y: number") =>
  inBlock(`export function f(${params}): number {\n${body}\n}`);

/** The code with every number literal (and a sign or parentheses around it) as N. */
const skeleton = (code: string) => code.replace(/\(?-?\d+(\.\d+)?(e[+-]?\d+)?\)?/g, "N");

const returned = (code: string) => /return (.*);/.exec(code)?.[1] ?? "";

describe("constant", () => {
  it("changes one number and nothing else", () => {
    const code = fn("  return x * 2.5 + 1;");
    const out = outcomes(constant, code);
    expect(out.length).toBeGreaterThan(30);
    for (const c of out) expect(skeleton(c)).toBe(skeleton(code));
    expect(new Set(out.map(returned)).size).toBeGreaterThan(20);
  });

  it("moves array indices by whole steps", () => {
    const code = inBlock("export const last = (xs: number[]) => xs[xs.length - 1];");
    for (const c of outcomes(constant, code))
      expect(c).toMatch(/xs\[xs\.length - [023]\]|xs\.length \+ 1/);
  });
});

describe("swap-operator", () => {
  it("swaps within a class", () => {
    const out = new Set(outcomes(swapOperator, fn("  return x - y;")).map(returned));
    expect(out).toEqual(new Set(["x + y", "x * y", "x / y"]));
    const cmp = new Set(
      outcomes(swapOperator, fn("  if (x < y) return 1;\n  return 0;")).map(
        (c) => /if \((.*)\)/.exec(c)?.[1],
      ),
    );
    expect(cmp).toEqual(new Set(["x <= y", "x > y", "x >= y"]));
  });

  it("keeps the tree's shape when precedence changes", () => {
    const out = outcomes(swapOperator, fn("  return x - y * 3;")).map(returned);
    expect(out).toContain("x - (y + 3)");
    expect(out).not.toContain("x - y + 3");
  });

  it("leaves string concatenation alone", () => {
    const code = inBlock('export const label = (s: string, n: number) => s + "!";');
    expect(outcomes(swapOperator, code)).toEqual([]);
  });
});

describe("swap-math", () => {
  it("swaps Math functions of the same arity", () => {
    for (const c of outcomes(swapMath, fn("  return Math.sqrt(x) + Math.max(x, 2);"))) {
      const [, unary, binary] = /Math\.(\w+)\(x\) \+ Math\.(\w+)\(x, 2\)/.exec(c) ?? [];
      expect([
        "sqrt",
        "abs",
        "log",
        "exp",
        "log1p",
        "expm1",
        "cbrt",
        "floor",
        "ceil",
        "round",
        "trunc",
        "sign",
        "tanh",
        "atan",
        "log2",
        "sin",
        "cos",
      ]).toContain(unary);
      expect(["min", "max", "pow", "atan2", "hypot"]).toContain(binary);
      expect(unary === "sqrt" && binary === "max").toBe(false);
    }
  });
});

describe("replace-subtree", () => {
  it("builds from the numbers in scope only", () => {
    const code = fn("  return x + 1;", "x: number, label: string, xs: number[]");
    const out = outcomes(replaceSubtree, code, 80);
    expect(out.length).toBeGreaterThan(60);
    for (const c of out) {
      expect(returned(c)).not.toMatch(/label/);
      expect(returned(c)).toMatch(/^[\w\s.+\-*/()[\],<>=?:]*$/);
    }
    expect(out.some((c) => returned(c).includes("xs[xs.length - 1]"))).toBe(true);
  });
});

describe("wrap", () => {
  it("puts an expression inside a bigger one", () => {
    const code = fn("  return x * 2;");
    const out = outcomes(wrap, code, 100);
    expect(out.length).toBeGreaterThan(80);
    for (const c of out) {
      expect(c.length).toBeGreaterThan(code.length);
      expect(returned(c)).toMatch(/x/);
      expect(returned(c)).toMatch(/2/);
    }
    expect(out.some((c) => /Math\.\w+\(x \* 2\)/.test(c))).toBe(true);
  });
});

describe("split", () => {
  it("makes an expression piecewise, with thresholds that may scale with a name", () => {
    const code = fn("  return x - y;");
    const out = outcomes(split, code, 100).map(returned);
    expect(out.length).toBeGreaterThan(80);
    for (const r of out) expect(r).toMatch(/ \? .* : /);
    expect(out.some((r) => /^(x - y|x|y) > [\d.]+ \* [xy] && \1 < [\d.]+ \* [xy] \?/.test(r))).toBe(
      true,
    );
  });
});

describe("thresholds", () => {
  it("scale with sizes in scope (a capacity), never with an array's length", () => {
    const code = fn("  return bins.length - item;", "item: number, bins: number[]");
    const tests = outcomes(split, code, 200)
      .map(returned)
      .map((r) => r.split(" ? ")[0] ?? "");
    expect(tests.length).toBeGreaterThan(150);
    const scaled = /[\d.]+ \* (item|bins\[bins\.length - 1\]|bins\.length)/g;
    const scales = tests.flatMap((t) => [...t.matchAll(scaled)].map((m) => m[1]));
    expect(scales).toContain("bins[bins.length - 1]");
    expect(scales).toContain("item");
    expect(scales).not.toContain("bins.length");
    // Most thresholds are fractions of a size: they carry over to another capacity.
    const withScale = tests.filter((t) => /[\d.]+ \* (item|bins\[)/.test(t)).length;
    expect(withScale / tests.length).toBeGreaterThan(0.5);
  });
});

describe("shrink", () => {
  it("replaces an expression by a smaller one", () => {
    const code = fn("  return Math.sqrt(x * 2 + 1) - y;");
    const out = outcomes(shrink, code, 100);
    expect(out.length).toBeGreaterThan(30);
    const tokens = (c: string) => returned(c).match(/[\w.]+|[^\s\w]/g)?.length ?? 0;
    for (const c of out) expect(tokens(c)).toBeLessThan(tokens(code));
    expect(out.map(returned)).toContain("x * 2 + 1 - y");
  });

  it("drops parentheses that are no longer needed", () => {
    const code = inBlock("export const f = (a: number, b: number) => -(a - b);");
    expect(outcomes(shrink, code).map((c) => /=> (.*);/.exec(c)?.[1])).toContain("-a");
  });
});

describe("insert-statement and insert-guard", () => {
  const code = fn("  const d = x - y;\n  return d * d;");

  it("adds a constant that later code uses", () => {
    const out = outcomes(insertStatement, code);
    expect(out.length).toBeGreaterThan(30);
    for (const c of out) {
      expect(c.split("\n").length - code.split("\n").length).toBe(1);
      const declared = /const (t\d*) = /.exec(c)?.[1] ?? "none";
      expect(c.split(new RegExp(`\\b${declared}\\b`)).length).toBeGreaterThan(2);
    }
  });

  it("adds a guard that returns early, often the result shifted", () => {
    const out = outcomes(insertGuard, code, 60);
    expect(out.length).toBeGreaterThan(50);
    for (const c of out) {
      expect(c.split("\n").length - code.split("\n").length).toBe(1);
      expect(c).toMatch(/ {2}if \(.*\) return .*;\n/);
    }
    expect(out.some((c) => /return d \* d [-+] /.test(c))).toBe(true);
    const loop = inBlock(
      "export function g(xs: number[]): number {\n  let s = 0;\n  for (const v of xs) {\n    s += v;\n  }\n  return s;\n}",
    );
    expect(
      outcomes(insertGuard, loop, 60).some((c) => /if \(.*\) continue;\n\s+s \+= v;/.test(c)),
    ).toBe(true);
  });

  it("gives an arrow with an expression body a block body to hold the statement", () => {
    const code = inBlock("export const g = (xs: number[], k: number) => xs.map((v) => v * k);");
    const out = outcomes(insertStatement, code);
    expect(
      out.some((c) => /\(v\) => \{\n\s+(const t|if \()[^\n]*\n\s+return .*;\n\s*\}/.test(c)),
    ).toBe(true);
  });
});

describe("delete-statement", () => {
  it("removes statements whose loss breaks nothing", () => {
    const code = fn("  const unused = x * 3;\n  const used = x + 1;\n  y += used;\n  return used;");
    const out = new Set(outcomes(deleteStatement, code));
    expect(out.size).toBe(2);
    for (const c of out) {
      expect(c).toContain("const used = x + 1;");
      expect(c).toContain("return used;");
      expect(c.split("\n").length).toBe(code.split("\n").length - 1);
    }
  });
});

describe("swap-statements", () => {
  it("swaps independent neighbours only", () => {
    const code = fn(
      "  let a = 0;\n  let b = 0;\n  a = x;\n  b = y * 2;\n  const c = a + b;\n  return c;",
    );
    const out = new Set(outcomes(swapStatements, code));
    expect(out).toEqual(
      new Set([
        code.replace("let a = 0;\n  let b = 0;", "let b = 0;\n  let a = 0;"),
        code.replace("let b = 0;\n  a = x;", "a = x;\n  let b = 0;"),
        code.replace("a = x;\n  b = y * 2;", "b = y * 2;\n  a = x;"),
      ]),
    );
  });
});

describe("duplicate-statement", () => {
  it("repeats a statement, with a changed constant", () => {
    const code = fn("  let s = 0;\n  s += x * 2;\n  return s;");
    const out = outcomes(duplicateStatement, code);
    expect(out.length).toBeGreaterThan(30);
    for (const c of out) expect(c.match(/s \+= x \* /g)).toHaveLength(2);
  });
});

describe("crossover", () => {
  const parent = fn("  return x + 1;");

  it("brings an inspiration's expressions when their names are in scope", () => {
    const donor = fn("  const k = 3;\n  return x * x - k;");
    const out: string[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const c = applyOperator(crossover, parent, seed, { inspirations: [donor] });
      if (c) out.push(c);
    }
    expect(out.some((c) => returned(c).includes("x * x"))).toBe(true);
    for (const c of out) expect(c).not.toMatch(/\bk\b/);
  });

  it("can take a whole block in programs with several", () => {
    const two = `${fn("  return x + 1;")}${inBlock("export const g = (v: number) => v * 2;")}`;
    const donor = two.replace("v * 2", "v * 3 + 1");
    const out = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const c = applyOperator(crossover, two, seed, { inspirations: [donor] });
      if (c) out.add(c);
    }
    expect(out.has(donor)).toBe(true);
  });

  it("does nothing without inspirations", () => {
    expect(applyOperator(crossover, parent, 1)).toBeNull();
  });
});
