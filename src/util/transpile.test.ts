import { describe, expect, it } from "vitest";
import { transpileTs } from "./transpile.ts";

describe("transpileTs", () => {
  it("strips types and keeps ES module exports", () => {
    const out = transpileTs("export function f(x: number): number { return x * 2; }\n");
    expect(out.errors).toEqual([]);
    expect(out.code).toContain("export function f(x)");
  });

  it("reports syntax errors with their line instead of throwing", () => {
    const out = transpileTs("const a = 1;\nexport function f(x: number) {\n  return x * ;\n}\n");
    expect(out.errors[0]).toMatch(/^line 3:/);
  });
});
