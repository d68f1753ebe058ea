import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { applyPolicy } from "./apply-policy.ts";
import { POLICY_RULES } from "./rules.ts";
import { scanProgram } from "./scan.ts";

/** A program whose one EVOLVE-BLOCK holds `body`, with seed code around it. */
const program = (body: string) =>
  `import fs from "node:fs";\nconst seedOnly = process.env.X;\n// EVOLVE-BLOCK-START\n${body}\n// EVOLVE-BLOCK-END\nprocess.exit(0);\n`;
const rulesOf = (body: string) => [...new Set(scanProgram(program(body)).map((f) => f.rule))];

const POSITIVES: Record<string, string[]> = {
  eval: ['eval("1 + 1");', 'setTimeout("doIt()", 0);'],
  "function-constructor": ['new Function("return this")();', 'const F = Function; F("x");'],
  "constructor-access": [
    'const F = (() => {}).constructor; F("return process")();',
    'const c = [].constructor["constructor"];',
  ],
  "dynamic-import": ['const m = await import("./x.js");'],
  process: ["const k = process.env.OPENAI_API_KEY;", 'globalThis["process"].exit(1);'],
  require: ['const cp = require("node:child_process");', "module.exports = 1;"],
  "node-module": [
    'import { spawn } from "node:child_process";',
    'import { Worker } from "worker_threads";',
    'import net from "node:net";',
    'const dns = await import("node:dns");',
    'export { readFileSync } from "fs";',
  ],
  "network-global": ['await fetch("http://127.0.0.1:8080");', 'new WebSocket("ws://x");'],
  "computed-global": [
    "const g = globalThis;",
    'globalThis["pro" + "cess"];',
    "const v = global[k];",
  ],
  "prototype-patch": [
    "Array.prototype.push = function () { return 0; };",
    "Object.prototype.then = undefined;",
    "Object.assign(Array.prototype, { x: 1 });",
    "delete Array.prototype.map;",
  ],
  "global-patch": ["JSON.parse = () => ({});", "console.log = () => {};", "Math.max = Math.min;"],
  "clock-patch": [
    "Date.now = () => 0;",
    "performance.now = () => 0;",
    "Math.random = () => 0.5;",
    "globalThis.Date = class {} as never;",
  ],
  "timer-patch": [
    "globalThis.setTimeout = (() => 0) as never;",
    "setInterval = undefined as never;",
  ],
  reflect: ["Reflect.ownKeys(Math);"],
  proxy: ["const p = new Proxy(Math, {});"],
  proto: [
    "const o = {}.__proto__;",
    "const o = { __proto__: null };",
    "Object.setPrototypeOf(a, b);",
  ],
  "define-property": [
    'Object.defineProperty(Math, "random", { value: () => 0 });',
    'Array.prototype.__defineGetter__("x", () => 1);',
  ],
  callee: ["function f() { return arguments.callee; }", "function g() { return g.caller; }"],
  "stack-inspection": [
    "Error.prepareStackTrace = (_e, s) => s;",
    "const s = new Error().stack;",
    "try { f(); } catch (e) { console.log((e as Error).stack); }",
    "Error.captureStackTrace(o);",
  ],
  "bidi-control": [
    'if (role !== "admin\u202e \u2066// check\u2069 \u2066") return;',
    "const x = 1; // \u200f",
  ],
  "invisible-character": ["const a\u200b = 1;", "const s = `x\ufeffy`;", "let \u3164 = 2;"],
  "control-character": ['const s = "\x1b[2K";', "// ok\rreturn 0;"],
  "mixed-script-identifier": ["const v\u0430lue = 1;", "function \u0441ount() {}"],
};

describe("policy scan rules", () => {
  it("has a true-positive case for every rule", () => {
    expect(Object.keys(POSITIVES).sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
  });

  for (const [rule, bodies] of Object.entries(POSITIVES)) {
    for (const body of bodies) {
      it(`${rule}: ${body}`, () => {
        expect(rulesOf(body)).toContain(rule);
      });
    }
  }

  it("names the line and column of each finding", () => {
    const [finding] = scanProgram(program("const a = 1;\nconst k = process.env.KEY;"));
    expect(finding).toMatchObject({ rule: "process", category: "process-access", line: 5 });
    expect(finding?.column).toBe(11);
  });
});

describe("hidden-text rules", () => {
  it("name the line and show the character visibly", () => {
    const [finding] = scanProgram(program("const a = 1;\nconst b = 2; // \u202e"));
    expect(finding).toMatchObject({ rule: "bidi-control", category: "hidden-text", line: 5 });
    expect(finding?.text).toBe("<U+202E>");
  });

  it("do not flag the seed, non-Latin single-script names or CRLF line endings", () => {
    const seed = "const s\u200b = 1;\r\n// EVOLVE-BLOCK-START\r\n";
    const body = "const значение = 1;\r\nconst naïve = 2;\r\n// EVOLVE-BLOCK-END\r\n";
    expect(scanProgram(seed + body)).toEqual([]);
  });
});

describe("no false positives", () => {
  it("never flags the seed outside the EVOLVE-BLOCKs", () => {
    expect(scanProgram(program("export const x = 1;"))).toEqual([]);
  });

  it("passes the example seeds and the init templates", () => {
    for (const file of [
      "examples/bin-packing/program.ts",
      "examples/bin-packing/baselines/best-fit.ts",
      "examples/bin-packing/baselines/first-fit.ts",
      "examples/symbolic-regression/program.ts",
      "templates/blank/program.ts",
      "test/redteam/problems/packing/program.ts",
    ]) {
      expect(scanProgram(fs.readFileSync(file, "utf8"), file), file).toEqual([]);
    }
  });

  it("passes ordinary numeric code, local names that shadow globals, and types", () => {
    const body = `
export function priority(item: number, bins: number[]): number[] {
  const stack: number[] = [];
  const memo = new Map<number, number>();
  const process = (x: number) => x * 2;
  const module = { size: 3 };
  function require(n: number): number { return n; }
  let best = Number.NEGATIVE_INFINITY;
  for (const [i, bin] of bins.entries()) {
    const slack = bin - item;
    stack.push(slack);
    memo.set(i, Math.exp(-slack / 10) + Math.log1p(item) + process(module.size) + require(1));
    best = Math.max(best, memo.get(i) ?? 0);
  }
  const sorted = [...bins].sort((a, b) => a - b);
  const obj: { stack: number[]; constructorName: string } = { stack, constructorName: "x" };
  const f: (x: number) => number = (x) => x;
  type T = typeof Math.random;
  return bins.map((bin, i) => -(bin - item) + (sorted[i] ?? 0) * 0 + obj.stack.length * 0 + f(0));
}
class Table { stack: number[] = []; push(x: number) { this.stack.push(x); } }`;
    expect(scanProgram(program(body))).toEqual([]);
  });
});

describe("applyPolicy", () => {
  const bad = program("const k = process.env.KEY;\nArray.prototype.map = null as never;");

  it("block rejects with every rule and line", () => {
    const verdict = applyPolicy("block", "typescript", bad, "program.ts");
    expect(verdict.rejection).toMatch(/line 4 process .*line 5 prototype-patch/);
  });

  it("flag lets the candidate run and records warnings", () => {
    const verdict = applyPolicy("flag", "typescript", bad, "program.ts");
    expect(verdict.rejection).toBeNull();
    expect(verdict.warnings).toEqual([
      "policy scan: line 4 process (process)",
      "policy scan: line 5 prototype-patch (Array.prototype.map = null as never)",
    ]);
  });

  it("off skips the scan", () => {
    expect(applyPolicy("off", "typescript", bad, "program.ts")).toEqual({
      rejection: null,
      warnings: [],
      findings: [],
    });
  });

  it("skips Python and command candidates, with a warning unless off", () => {
    const verdict = applyPolicy("block", "python", "import os\nos.system('x')", "program.py");
    expect(verdict.rejection).toBeNull();
    expect(verdict.warnings[0]).toMatch(/policy scan skipped/);
    expect(applyPolicy("off", "python", "", "program.py").warnings).toEqual([]);
  });

  it("scans JavaScript candidates too", () => {
    const js = program("const cp = require('child_process');");
    expect(applyPolicy("block", "javascript", js, "program.js").rejection).toMatch(/node-module/);
  });
});
