/** The evaluator run in this process, its driver calls going to an in-process Best Fit. */
import { join } from "node:path";
import type { EvalContext } from "steward";
import { describe, expect, it } from "vitest";
import { priority as bestFit } from "../baselines/best-fit.ts";
import driver from "../driver.ts";
import evaluator from "../evaluate.ts";
import { inProcessCandidate, type Priority } from "./in-process-candidate.ts";

class Invalid extends Error {}

function context(
  split: string,
  pack: (items: number[], capacity: number) => unknown,
  seed = 0,
): EvalContext {
  const problemDir = join(import.meta.dirname, "..");
  return {
    mode: "verify",
    split,
    seed,
    problemDir,
    dataDir: join(problemDir, "data"),
    signal: new AbortController().signal,
    async driver<T>(name: string, ...args: unknown[]): Promise<T> {
      if (name !== "pack") throw new Error(`no driver function ${name}`);
      return (await pack(args[0] as number[], args[1] as number)) as T;
    },
    invalid(reason: string): never {
      throw new Invalid(reason);
    },
    log() {},
  };
}

const withPriority = (priority: Priority) => (items: number[], capacity: number) =>
  driver.pack(inProcessCandidate(priority), items, capacity);

const unused = inProcessCandidate(() => {
  throw new Error("the evaluator calls the candidate only through the driver");
});
const evaluate = (ctx: EvalContext) =>
  evaluator.evaluate({ ...unused, mode: ctx.mode, run: () => Promise.reject() }, ctx);

describe("evaluate.ts", () => {
  it("scores the train and holdout splits on different generated sets", async () => {
    const train = await evaluate(context("train", withPriority(bestFit)));
    const holdout = await evaluate(context("holdout", withPriority(bestFit)));
    expect(Object.keys(train.metrics).sort()).toEqual(["bins", "excess"]);
    expect(train.metrics.excess).toBeGreaterThan(0.02);
    expect(train.metrics.excess).toBeLessThan(0.06);
    expect(holdout.metrics.bins).not.toBe(train.metrics.bins);
    expect(train.artifacts?.instances).toHaveLength(5);
  });

  it("keeps train and holdout fixed at seed 0 and draws fresh sets for other seeds", async () => {
    const at = (split: string, seed: number) =>
      evaluate(context(split, withPriority(bestFit), seed));
    const train = await at("train", 0);
    expect(train.artifacts?.seed).toBe(20231214);
    expect(train.metrics.excess?.toFixed(4)).toBe("0.0408");
    expect((await at("holdout", 0)).artifacts?.seed).toBe(20231215);
    const fresh = [await at("train", 1), await at("train", 2), await at("holdout", 1)];
    const seeds = new Set([20231214, 20231215, ...fresh.map((r) => r.artifacts?.seed)]);
    expect(seeds.size).toBe(5);
    expect(new Set([train, ...fresh].map((r) => r.metrics.bins)).size).toBe(4);
    expect((await at("train", 1)).metrics).toEqual(fresh[0]?.metrics);
  }, 120_000);

  it("reports both test sets, the objective on Weibull 5k", async () => {
    const { metrics } = await evaluate(context("test", withPriority(bestFit)));
    expect(metrics.excess).toBe(metrics.excess_weibull5k);
    expect(metrics.excess_weibull5k?.toFixed(4)).toBe("0.0398");
    expect(metrics.excess_or3?.toFixed(4)).toBe("0.0537");
  });

  it("rejects an unknown split", async () => {
    await expect(evaluate(context("validation", withPriority(bestFit)))).rejects.toThrow(
      /unknown split "validation"/,
    );
  });

  it("ends as invalid when the driver returns a bad assignment", async () => {
    const allInOneBin = (items: number[]) => items.map(() => 0);
    await expect(evaluate(context("train", allInOneBin))).rejects.toThrow(
      /instance train_0: bin 0 holds .* over 100/,
    );
    await expect(evaluate(context("train", () => ({ bins: 1 })))).rejects.toThrow(Invalid);
  });
});
