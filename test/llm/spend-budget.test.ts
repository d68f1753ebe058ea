import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BudgetExceededError, type Reservation, SpendBudget } from "../../src/llm/spend-budget.ts";

describe("SpendBudget", () => {
  it("reserves, settles and releases", () => {
    const budget = new SpendBudget({ maxUsd: 1, maxTokens: 1000 });
    const a = budget.reserve(0.4, 300);
    const b = budget.reserve(0.4, 300);
    expect(budget.reserved()).toEqual({ usd: 0.8, tokens: 600 });
    expect(() => budget.reserve(0.4, 10)).toThrow(BudgetExceededError);
    budget.settle(a, 0.1, 120);
    budget.release(b);
    expect(budget.spent()).toEqual({ usd: 0.1, tokens: 120 });
    expect(budget.reserved()).toEqual({ usd: 0, tokens: 0 });
    budget.settle(a, 5, 5);
    expect(budget.spent()).toEqual({ usd: 0.1, tokens: 120 });
  });

  it("refuses with a typed error that says what to raise", () => {
    const money = new SpendBudget({ maxUsd: 0.01, maxTokens: null });
    expect(() => money.reserve(0.02, 1)).toThrow(/raise budget\.money in steward\.yaml/);
    const tokens = new SpendBudget({ maxUsd: null, maxTokens: 100 }, { usd: 0, tokens: 90 });
    try {
      tokens.reserve(0, 20);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "budget", limit: "tokens" });
    }
    expect(new SpendBudget({ maxUsd: null, maxTokens: null }).reserve(1e9, 1e9).id).toBe(1);
  });

  it("never lets spending pass a limit while calls use at most their reservation", () => {
    type Op =
      | { kind: "reserve"; usd: number; tokens: number }
      | { kind: "settle" | "release"; pick: number; fraction: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant("reserve" as const),
        usd: fc.double({ min: 0, max: 0.5, noNaN: true }),
        tokens: fc.integer({ min: 0, max: 5000 }),
      }),
      fc.record({
        kind: fc.constantFrom("settle" as const, "release" as const),
        pick: fc.nat(),
        fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
        fc.array(op, { maxLength: 60 }),
        (maxUsd, maxTokens, ops) => {
          const budget = new SpendBudget({ maxUsd, maxTokens });
          const open: Reservation[] = [];
          for (const o of ops) {
            if (o.kind === "reserve") {
              try {
                open.push(budget.reserve(o.usd, o.tokens));
              } catch (error) {
                expect(error).toBeInstanceOf(BudgetExceededError);
              }
            } else if (open.length > 0) {
              const [r] = open.splice(o.pick % open.length, 1);
              if (!r) continue;
              if (o.kind === "settle") {
                budget.settle(r, r.usd * o.fraction, Math.floor(r.tokens * o.fraction));
              } else budget.release(r);
            }
            const spent = budget.spent();
            const held = budget.reserved();
            const eps = 1e-9;
            if (maxUsd !== null) expect(spent.usd + held.usd).toBeLessThanOrEqual(maxUsd + eps);
            if (maxTokens !== null)
              expect(spent.tokens + held.tokens).toBeLessThanOrEqual(maxTokens);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
