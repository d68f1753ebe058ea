import { describe, expect, it } from "vitest";
import { changedOutsideBlocks } from "../../../problem/markers.ts";
import { createRng } from "../../../util/rng.ts";
import { transpileTs } from "../../../util/transpile.ts";
import { fixtures, inBlock, request } from "./gp.test-kit.ts";
import { createGpMutator } from "./gp-mutator.ts";

const MUTATIONS_PER_FIXTURE = 400;

describe("the gp mutator", () => {
  // An outer limit: about 15 s idle, 129 s was seen on a 2-core machine at a load of 14.
  it("keeps every candidate parseable and inside its blocks over thousands of chained mutations", async () => {
    const gp = createGpMutator();
    const rng = createRng(2024);
    let total = 0;
    const operators = new Set<string>();
    for (const fixture of fixtures()) {
      let code = fixture.code;
      const recent: string[] = [];
      let changed = 0;
      for (let i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
        const result = await gp.mutate(request(code, rng, fixture.language, recent.slice(-2)));
        if (!result.ok) {
          expect(result.reason, `${fixture.name}: ${result.message}`).toBe("no-change");
          continue;
        }
        total++;
        const where = `${fixture.name}, mutation ${i} (${result.operator})`;
        expect(changedOutsideBlocks(fixture.code, result.code), where).toEqual({ ok: true });
        const file = fixture.language === "javascript" ? "p.js" : "p.ts";
        expect(transpileTs(result.code, file).errors, `${where}\n${result.code}`).toEqual([]);
        expect(result.code).not.toBe(code);
        for (const op of result.operator.split("+")) operators.add(op);
        if (result.code !== fixture.code) changed++;
        recent.push(result.code);
        // Chain: the child is the next parent, so the code drifts far from the seed;
        // now and then an older program, as a population would.
        code = rng.chance(0.1) ? (rng.pick(recent) ?? result.code) : result.code;
      }
      expect(changed, fixture.name).toBeGreaterThan(MUTATIONS_PER_FIXTURE * 0.8);
    }
    expect(total).toBeGreaterThan(3000);
    expect([...operators].sort()).toEqual(
      [
        "constant",
        "crossover",
        "delete-statement",
        "duplicate-statement",
        "insert-guard",
        "insert-statement",
        "replace-subtree",
        "shrink",
        "split",
        "swap-math",
        "swap-operator",
        "swap-statements",
        "wrap",
      ].sort(),
    );
  }, 300_000);

  it("gives the same candidates for the same rng state and input", async () => {
    const code = fixtures()[0]?.code ?? "";
    const run = async () => {
      const gp = createGpMutator();
      const rng = createRng(7);
      const out: string[] = [];
      let parent = code;
      for (let i = 0; i < 60; i++) {
        const result = await gp.mutate(request(parent, rng, "typescript", out.slice(-1)));
        if (result.ok) {
          out.push(`${result.operator}\n${result.code}`);
          parent = result.code;
        }
      }
      return out;
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(50);
    expect(await run()).toEqual(first);
  });

  it("names the operators it applied and says what changed", async () => {
    const gp = createGpMutator();
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const result = await gp.mutate(
        request(inBlock("export const f = (x: number) => x * 2 + 1;"), rng),
      );
      if (!result.ok) throw new Error(result.message);
      expect(result.operator).toMatch(/^[a-z-]+(\+[a-z-]+){0,2}$/);
      expect(result.rationale).toMatch(/^gp /);
    }
  });

  it("refuses Python and command programs", async () => {
    const gp = createGpMutator();
    for (const language of ["python", "command"] as const) {
      const result = await gp.mutate(request("def f(x):\n    return x\n", createRng(1), language));
      expect(result).toMatchObject({ ok: false, reason: "unsupported" });
    }
  });

  it("reports no change when a block holds nothing it can change", async () => {
    const gp = createGpMutator();
    const result = await gp.mutate(request(inBlock('export const label = "fixed";'), createRng(1)));
    expect(result).toMatchObject({ ok: false, reason: "no-change" });
  });

  it("saves and restores its operator rates", () => {
    const gp = createGpMutator();
    for (let i = 0; i < 30; i++) gp.reward?.("wrap+constant", true);
    const saved = JSON.parse(JSON.stringify(gp.saveState?.()));
    const other = createGpMutator();
    other.restoreState?.(saved);
    expect(other.saveState?.()).toEqual(saved);
    other.restoreState?.({ operators: { wrap: { trials: "x" } } });
    other.restoreState?.(null);
    expect(other.saveState?.()).toEqual(saved);
  });
});
