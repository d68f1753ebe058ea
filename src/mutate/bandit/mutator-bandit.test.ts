import { describe, expect, it } from "vitest";
import { createRng } from "../../util/rng.ts";
import { FAILURE_STREAK, MutatorBandit } from "./mutator-bandit.ts";

interface SimArm {
  id: string;
  weight: number;
  /** Chance that a pull improves on its parent. */
  p: number;
  /** Dollars per pull. */
  cost: number;
}

/** Pulls `rounds` times against arms with fixed improvement rates; returns pulls per arm. */
function simulate(bandit: MutatorBandit, arms: readonly SimArm[], rounds: number, seed = 7) {
  const rng = createRng(seed);
  const world = createRng(seed + 1000);
  const pulls: Record<string, number> = {};
  const order: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = bandit.choose(rng);
    const arm = arms.find((a) => a.id === id);
    if (!arm) throw new Error(`unknown arm ${id}`);
    pulls[id] = (pulls[id] ?? 0) + 1;
    order.push(id);
    bandit.update(id, { reward: world.chance(arm.p) ? 1 : 0, cost: arm.cost });
  }
  return { pulls, order };
}

const ARMS: SimArm[] = [
  { id: "gp", weight: 1, p: 0.02, cost: 0 },
  { id: "openai:gpt-4.1-mini", weight: 1, p: 0.15, cost: 0.002 },
  { id: "anthropic:claude-sonnet-4-5", weight: 1, p: 0.3, cost: 0.05 },
];

describe("MutatorBandit", () => {
  it("converges to the arm with the best improvement per dollar", () => {
    // Per dollar (with the default base cost of $0.001 a pull): gp 20, mini 50, sonnet 5.9.
    const bandit = new MutatorBandit(ARMS);
    const { pulls } = simulate(bandit, ARMS, 3000);
    expect(pulls["openai:gpt-4.1-mini"]).toBeGreaterThan(2700);
    for (const arm of ARMS) expect(pulls[arm.id]).toBeGreaterThanOrEqual(1);
    const best = bandit.stats().reduce((a, b) => (a.efficiency > b.efficiency ? a : b));
    expect(best.id).toBe("openai:gpt-4.1-mini");
  });

  it("keeps exploring a close second", () => {
    const arms: SimArm[] = [
      { id: "a:x", weight: 1, p: 0.1, cost: 0.01 },
      { id: "b:y", weight: 1, p: 0.2, cost: 0.01 },
    ];
    const { pulls, order } = simulate(new MutatorBandit(arms), arms, 2000);
    expect(pulls["b:y"]).toBeGreaterThan(1400);
    expect(order.slice(1000).filter((id) => id === "a:x").length).toBeGreaterThan(10);
  });

  it("does not let a free arm that never improves win", () => {
    const arms: SimArm[] = [
      { id: "gp", weight: 1, p: 0, cost: 0 },
      { id: "openai:gpt-4.1-mini", weight: 1, p: 0.1, cost: 0.01 },
    ];
    const { pulls, order } = simulate(new MutatorBandit(arms), arms, 4000);
    expect(pulls["openai:gpt-4.1-mini"]).toBeGreaterThan(3000);
    expect(order.slice(3000).filter((id) => id === "gp").length).toBeLessThan(100);
  });

  it("prefers a free arm that improves often enough for its price", () => {
    const arms: SimArm[] = [
      { id: "gp", weight: 1, p: 0.05, cost: 0 },
      { id: "openai:gpt-4.1-mini", weight: 1, p: 0.1, cost: 0.01 },
    ];
    const { pulls } = simulate(new MutatorBandit(arms), arms, 2000);
    expect(pulls.gp).toBeGreaterThan(1500);
  });

  it("tries every arm first, heaviest weight first, spreading concurrent choices", () => {
    const bandit = new MutatorBandit([
      { id: "gp", weight: 1 },
      { id: "a:x", weight: 3 },
      { id: "b:y", weight: 2 },
    ]);
    const rng = createRng(1);
    expect([bandit.choose(rng), bandit.choose(rng), bandit.choose(rng)]).toEqual([
      "a:x",
      "b:y",
      "gp",
    ]);
  });

  it("is deterministic for a seed", () => {
    const a = simulate(new MutatorBandit(ARMS), ARMS, 500, 42).order;
    const b = simulate(new MutatorBandit(ARMS), ARMS, 500, 42).order;
    expect(a).toEqual(b);
  });

  it("resumes from saved state, with arms added and removed", () => {
    const before = new MutatorBandit([
      { id: "gp", weight: 1 },
      { id: "a:x", weight: 1 },
    ]);
    before.update("gp", { reward: 1, cost: 0 });
    before.update("a:x", { reward: 0, cost: 0.5 });
    const state = JSON.parse(JSON.stringify(before.saveState()));
    const after = new MutatorBandit([
      { id: "a:x", weight: 1 },
      { id: "b:y", weight: 1 },
    ]);
    expect(after.restoreState(state)).toBe(true);
    expect(after.stats().map((s) => [s.id, s.pulls, s.cost])).toEqual([
      ["a:x", 1, 0.5],
      ["b:y", 0, 0],
    ]);
    expect(after.choose(createRng(1))).toBe("b:y");
  });

  it("starts fresh from a bad state without throwing", () => {
    const bandit = new MutatorBandit([{ id: "gp", weight: 1 }]);
    bandit.update("gp", { reward: 1, cost: 0 });
    for (const bad of [
      null,
      "x",
      { version: 2, arms: {} },
      { version: 1, arms: { gp: { pulls: -1 } } },
    ]) {
      expect(bandit.restoreState(bad)).toBe(false);
      expect(bandit.stats()[0]).toMatchObject({ pulls: 0, reward: 0, cost: 0 });
    }
  });

  it("ignores unknown arms and non-finite outcomes, and rejects bad arms", () => {
    const bandit = new MutatorBandit([{ id: "gp", weight: 1 }]);
    bandit.update("nope", { reward: 1, cost: 1 });
    bandit.update("gp", { reward: Number.NaN, cost: -3 });
    expect(bandit.stats()[0]).toMatchObject({ pulls: 1, reward: 0, cost: 0 });
    expect(() => new MutatorBandit([])).toThrow(/at least one/);
    expect(() => new MutatorBandit([{ id: "gp", weight: 0 }])).toThrow(/weight/);
    expect(
      () =>
        new MutatorBandit([
          { id: "gp", weight: 1 },
          { id: "gp", weight: 2 },
        ]),
    ).toThrow(/twice/);
  });

  it("pauses a model that keeps failing instead of calling it hundreds of times", () => {
    // gp never improves (like a run late in its search); the broken model fails every call.
    const run = (pauses: boolean) => {
      const bandit = new MutatorBandit([
        { id: "gp", weight: 1 },
        { id: "openai:broken", weight: 1 },
      ]);
      const rng = createRng(3);
      let broken = 0;
      for (let i = 0; i < 1000; i++) {
        const id = bandit.choose(rng);
        if (id === "openai:broken") broken++;
        bandit.update(id, { reward: 0, cost: 0, failed: pauses && id === "openai:broken" });
      }
      return broken;
    };
    // Without failures reported the two arms look alike and share the pulls:
    // the proof that the pause, not the score, keeps the broken model quiet.
    expect(run(false)).toBeGreaterThan(300);
    const calls = run(true);
    expect(calls).toBeGreaterThanOrEqual(FAILURE_STREAK);
    expect(calls).toBeLessThan(30);
  });

  it("ends a failure streak on a success and wakes a paused arm when every arm is paused", () => {
    const bandit = new MutatorBandit([{ id: "a", weight: 1 }]);
    const rng = createRng(1);
    for (let i = 0; i < FAILURE_STREAK - 1; i++) {
      bandit.update(bandit.choose(rng), { reward: 0, cost: 0, failed: true });
    }
    bandit.update(bandit.choose(rng), { reward: 1, cost: 0 });
    bandit.update(bandit.choose(rng), { reward: 0, cost: 0, failed: true });
    expect(bandit.isPaused("a")).toBe(false);
    for (let i = 0; i < FAILURE_STREAK; i++) {
      bandit.update(bandit.choose(rng), { reward: 0, cost: 0, failed: true });
    }
    expect(bandit.isPaused("a")).toBe(true);
    // The only arm is still chosen: a run never stalls for want of an arm.
    expect(bandit.choose(rng)).toBe("a");
  });
});
