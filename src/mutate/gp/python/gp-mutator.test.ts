import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { changedOutsideBlocks } from "../../../problem/markers.ts";
import { createRng } from "../../../util/rng.ts";
import { createGpMutator } from "../gp-mutator.ts";
import { request } from "../typescript/gp.test-kit.ts";
import { createPythonGpMutator } from "./gp-mutator.ts";
import { createPythonSyntaxCheck } from "./syntax-check.ts";

const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const FIXTURES = [
  ["numeric", read("./fixtures/numeric.py")],
  ["strings and brackets", read("./fixtures/strings-and-brackets.py")],
  ["classes, two blocks", read("./fixtures/classes.py")],
  ["torch idioms, nested blocks", read("./fixtures/torch-idioms.py")],
  ["crlf line breaks", read("./fixtures/numeric.py").replace(/\n/g, "\r\n")],
  ["char-lm train.py", read("../../../../examples/char-lm/train.py")],
] as const;
const MUTATIONS_PER_FIXTURE = 600;

/** Indexes of the programs Python's own parser rejects, checked in one interpreter run. */
function rejectedByPython(programs: readonly string[]): number[] {
  const script =
    "import ast,json,sys\nbad=[]\nfor i,c in enumerate(json.load(sys.stdin)):\n" +
    "    try: ast.parse(c)\n    except SyntaxError: bad.append(i)\nprint(json.dumps(bad))";
  const out = spawnSync(PYTHON, ["-c", script], {
    input: JSON.stringify(programs),
    encoding: "utf8",
  });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as number[];
}

describe("the Python gp mutator", () => {
  it("keeps thousands of chained mutations parseable and inside the blocks, with tree-sitter's check alone", async () => {
    // No ast.parse check: the operators and tree-sitter must keep Python parseable.
    const gp = createPythonGpMutator({ syntaxCheck: false });
    const rng = createRng(14);
    const programs: string[] = [];
    const operators = new Set<string>();
    for (const [name, seed] of FIXTURES) {
      let code: string = seed;
      const recent: string[] = [];
      let changed = 0;
      for (let i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
        const result = await gp.mutate(request(code, rng, "python", recent.slice(-2)));
        if (!result.ok) {
          expect(result.reason, `${name}: ${result.message}`).toBe("no-change");
          continue;
        }
        expect(changedOutsideBlocks(seed, result.code), `${name} ${i}`).toEqual({ ok: true });
        expect(result.code).not.toBe(code);
        for (const op of result.operator.split("+")) operators.add(op);
        programs.push(result.code);
        changed++;
        recent.push(result.code);
        code = rng.chance(0.1) ? rng.pick(recent) : result.code;
      }
      expect(changed, name).toBeGreaterThan(MUTATIONS_PER_FIXTURE * 0.8);
    }
    expect(programs.length).toBeGreaterThan(3000);
    const bad = rejectedByPython(programs);
    expect(bad.map((i) => programs[i]).slice(0, 1)).toEqual([]);
    expect([...operators].sort()).toEqual([
      "constant",
      "crossover",
      "delete-statement",
      "duplicate-statement",
      "swap-function",
      "swap-operator",
      "swap-statements",
    ]);
  });

  it("moves learning rates on a log scale and keeps integers integers", async () => {
    const gp = createPythonGpMutator({ syntaxCheck: false, maxOperators: 1 });
    const code = "# EVOLVE-BLOCK-START\nlr = 3e-3\nwidth = 64\n# EVOLVE-BLOCK-END\n";
    const rng = createRng(3);
    const lrs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await gp.mutate(request(code, rng, "python"));
      if (!r.ok || r.operator !== "constant") continue;
      const lr = /lr = (\S+)/.exec(r.code)?.[1] ?? "";
      const width = /width = (\S+)/.exec(r.code)?.[1] ?? "";
      expect(width).toMatch(/^\d+$/);
      lrs.push(Number(lr));
    }
    expect(lrs.length).toBeGreaterThan(50);
    expect(lrs.every((v) => v > 0)).toBe(true);
    // Log scale: both halvings and doublings-ish happen, not just +/- steps.
    expect(Math.min(...lrs)).toBeLessThan(0.002);
    expect(Math.max(...lrs)).toBeGreaterThan(0.0045);
  });

  it("gives the same candidates for the same rng state", async () => {
    const code = FIXTURES[0][1];
    const run = async () => {
      const gp = createPythonGpMutator({ syntaxCheck: false });
      const rng = createRng(99);
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await gp.mutate(request(code, rng, "python"));
        out.push(r.ok ? r.code : r.reason);
      }
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it("has Python's parser reject what does not parse, and never runs the code", async () => {
    const check = createPythonSyntaxCheck();
    expect(await check("x = (1 +\n")).toBe(false);
    expect(await check("import os\nos.system('touch /tmp/gp-should-not-exist')\n")).toBe(true);
    expect(existsSync("/tmp/gp-should-not-exist")).toBe(false);
  });

  it("keeps a process alive while a check is pending, and lets it exit when idle", () => {
    // A script with nothing else to do (a bench, a library user): before the
    // fix, Node exited mid-await with code 13 because the checker was unref'd.
    const module = new URL("./syntax-check.ts", import.meta.url).href;
    const script = `import { createPythonSyntaxCheck } from ${JSON.stringify(module)};
const check = createPythonSyntaxCheck();
console.log(await check("x = (1 +\\n"), await check("x = 1\\n"));`;
    const out = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toBe("false true\n");
  });
});

describe("gp chooses its operators by the program's language", () => {
  it("mutates Python with the Python operators and refuses an unknown language clearly", async () => {
    const gp = createGpMutator();
    const rng = createRng(5);
    const py = await gp.mutate(request(FIXTURES[0][1], rng, "python"));
    expect(py.ok).toBe(true);
    const other = await gp.mutate(request("x\n", rng, "command"));
    expect(other).toMatchObject({ ok: false, reason: "unsupported" });
    expect(other.ok ? "" : other.message).toMatch(/not command/);
  });

  it("saves and restores the rates of both operator sets (old TypeScript-only state still restores)", async () => {
    const gp = createGpMutator();
    const rng = createRng(8);
    for (let i = 0; i < 20; i++) {
      const r = await gp.mutate(request(FIXTURES[0][1], rng, "python"));
      if (r.ok) gp.reward?.(r.operator, i % 3 === 0);
    }
    const saved = gp.saveState?.() as { python?: { operators: Record<string, unknown> } };
    expect(Object.keys(saved.python?.operators ?? {})).toContain("swap-statements");
    const again = createGpMutator();
    again.restoreState?.(JSON.parse(JSON.stringify(saved)));
    await again.mutate(request(FIXTURES[0][1], createRng(1), "python"));
    const restored = again.saveState?.() as typeof saved;
    expect(restored.python).toEqual(saved.python);
    const tsOnly = createGpMutator();
    tsOnly.restoreState?.({ version: 1, operators: {} });
    expect(tsOnly.saveState?.()).toMatchObject({ version: 1, python: undefined });
  });
});
