import { describe, expect, it } from "vitest";
import { createRng } from "../../util/rng.ts";
import { OperatorRates } from "./rates.ts";

describe("adaptive operator rates", () => {
  it("moves towards operators that improve and away from those that do not", () => {
    const rates = new OperatorRates({ good: 1, bad: 1, idle: 1 });
    for (let i = 0; i < 100; i++) {
      rates.reward("good", i % 4 === 0);
      rates.reward("bad", false);
    }
    expect(rates.weight("good")).toBeGreaterThan(rates.weight("idle"));
    expect(rates.weight("idle")).toBeGreaterThan(rates.weight("bad"));
    const rng = createRng(1);
    const counts = { good: 0, bad: 0, idle: 0 };
    for (let i = 0; i < 2000; i++) {
      const name = rates.pick(rng, ["good", "bad", "idle"]) as keyof typeof counts;
      counts[name]++;
    }
    expect(counts.good).toBeGreaterThan(counts.idle * 2);
    expect(counts.bad).toBeGreaterThan(0);
  });

  it("keeps every factor within bounds", () => {
    const rates = new OperatorRates({ a: 1, b: 1 });
    for (let i = 0; i < 1000; i++) {
      rates.reward("a", true);
      rates.reward("b", false);
    }
    expect(rates.factor("a")).toBe(5);
    expect(rates.factor("b")).toBe(0.2);
  });

  it("credits each operator of a combination", () => {
    const rates = new OperatorRates({ wrap: 1, constant: 1, shrink: 1 });
    rates.reward("wrap+constant", true);
    const saved = rates.save();
    expect(saved.operators.wrap).toEqual({ trials: 1, successes: 1 });
    expect(saved.operators.constant).toEqual({ trials: 1, successes: 1 });
    expect(saved.operators.shrink).toEqual({ trials: 0, successes: 0 });
  });

  it("restores saved counts as JSON and ignores malformed ones", () => {
    const rates = new OperatorRates({ a: 1, b: 1 });
    rates.reward("a", true);
    const copy = new OperatorRates({ a: 1, b: 1 });
    copy.restore(JSON.parse(JSON.stringify(rates.save())));
    expect(copy.save()).toEqual(rates.save());
    copy.restore({
      operators: { a: { trials: 1, successes: 5 }, b: "x", c: { trials: 3, successes: 1 } },
    });
    copy.restore("nonsense");
    expect(copy.save()).toEqual(rates.save());
  });
});
