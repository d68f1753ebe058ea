import { describe, expect, it } from "vitest";
import { codeLength, complexity, editableCode, featuresFor } from "./features.ts";

const PROGRAM = [
  "import x from 'y';",
  "// EVOLVE-BLOCK-START",
  "const a = 1;",
  "// EVOLVE-BLOCK-END",
  "export const fixed = 2;",
  "# EVOLVE-BLOCK-START",
  "const b = a + 1;",
  "# EVOLVE-BLOCK-END",
  "",
].join("\n");

describe("code_length", () => {
  it("counts the EVOLVE-BLOCK interiors only", () => {
    expect(editableCode(PROGRAM)).toBe("const a = 1;\n\nconst b = a + 1;\n");
    expect(codeLength(PROGRAM)).toBe("const a = 1;\n\nconst b = a + 1;\n".length);
  });

  it("counts the whole code without markers or with malformed ones, \\r\\n as one", () => {
    expect(codeLength("let x = 1;\r\nlet y = 2;\r\n")).toBe(22);
    const malformed = "// EVOLVE-BLOCK-START\nlet x;\n";
    expect(codeLength(malformed)).toBe(malformed.length);
  });
});

describe("complexity", () => {
  it("counts operators, opening brackets and control keywords", () => {
    expect(complexity("a + b")).toBe(1);
    expect(complexity("f(x)")).toBe(1);
    expect(complexity("if (a > 1) { return b[0]; }")).toBe(6);
    expect(complexity("const y = x => x ?? 0;")).toBe(3);
    expect(complexity("let z = 1.5e-3;")).toBe(1);
  });

  it("skips comments and the contents of strings", () => {
    expect(complexity("// if (a + b)\n/* c * d */ x")).toBe(0);
    expect(complexity(`s = "a + (b)" + 'c * d' + \`e - f\``)).toBe(3);
  });

  it("reads Python comments and keywords", () => {
    expect(complexity("# x + y\nif a and not b:\n    return c", "python")).toBe(5);
    expect(complexity('s = """a + b"""', "python")).toBe(1);
  });

  it("grows with the program", () => {
    const small = "function f(a) { return a + 1; }";
    const large = "function f(a) { if (a > 0) { return g(a) * 2 + h(a - 1); } return 0; }";
    expect(complexity(large)).toBeGreaterThan(complexity(small));
  });
});

describe("featuresFor", () => {
  const dimensions = [{ name: "bins" }, { name: "code_length" }, { name: "complexity" }];

  it("takes metrics by name and falls back to built-ins", () => {
    const { features, missing } = featuresFor(dimensions, {
      code: PROGRAM,
      metrics: { bins: 2068, score: 0.9 },
    });
    expect(features).toEqual({
      bins: 2068,
      code_length: codeLength(PROGRAM),
      complexity: complexity(editableCode(PROGRAM)),
    });
    expect(missing).toEqual([]);
  });

  it("lets a metric override a built-in, and ignores non-finite metrics", () => {
    const { features } = featuresFor([{ name: "complexity" }, { name: "code_length" }], {
      code: "a + b",
      metrics: { complexity: 42, code_length: Number.NaN },
    });
    expect(features).toEqual({ complexity: 42, code_length: 5 });
  });

  it("reports dimensions it cannot fill", () => {
    const result = featuresFor([{ name: "bins" }, { name: "toString" }], {
      code: "x",
      metrics: null,
    });
    expect(result).toEqual({ features: {}, missing: ["bins", "toString"] });
  });
});
