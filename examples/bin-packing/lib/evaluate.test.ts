/** The evaluator run in this process, its driver calls going to an in-process Best Fit. */
import { join } from "node:path";
import type { EvalContext } from "steward";
import { describe, expect, it } from "vitest";
import { priority as bestFit } from "../baselines/best-fit.ts";
import driver from "../driver.ts";
import evaluator from "../evaluate.ts";
import { FAMILIES } from "./families.ts";
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
  it("scores every family on train and fresh instances of every family on holdout", async () => {
    const train = await evaluate(context("train", withPriority(bestFit)));
    const holdout = await evaluate(context("holdout", withPriority(bestFit)));
    const ids = FAMILIES.map((family) => family.id);
    expect(Object.keys(train.metrics).sort()).toEqual(
      ["excess", ...ids.flatMap((id) => [`excess_${id}`, `bins_${id}`])].sort(),
    );
    const perFamily = ids.map((id) => train.metrics[`excess_${id}`] ?? Number.NaN);
    const mean = perFamily.reduce((sum, value) => sum + value, 0) / perFamily.length;
    expect(train.metrics.excess).toBeCloseTo(mean, 12);
    expect(train.metrics.excess_weibull100?.toFixed(4)).toBe("0.0408");
    expect(train.metrics.excess_uniform150).toBeGreaterThan(0.04);
    expect(train.metrics.excess_weibull500).toBeLessThan(0.01);
    for (const id of ids) {
      expect(holdout.metrics[`bins_${id}`]).not.toBe(train.metrics[`bins_${id}`]);
      expect(holdout.artifacts?.[id]).toHaveLength(
        (train.artifacts?.[id] as unknown[] | undefined)?.length ?? -1,
      );
    }
    expect(train.artifacts?.weibull100).toHaveLength(5);
  }, 120_000);

  it("keeps train and holdout fixed at seed 0 and draws fresh sets for other seeds", async () => {
    const at = (split: string, seed: number) =>
      evaluate(context(split, withPriority(bestFit), seed));
    const seedsOf = async (split: string, seed: number) =>
      Object.values((await at(split, seed)).artifacts?.seeds ?? {});
    const fixed = FAMILIES.flatMap((family) => [family.seeds.train, family.seeds.holdout]);
    expect([...(await seedsOf("train", 0)), ...(await seedsOf("holdout", 0))].sort()).toEqual(
      fixed.sort(),
    );
    const fresh = [
      ...(await seedsOf("train", 1)),
      ...(await seedsOf("train", 2)),
      ...(await seedsOf("holdout", 1)),
    ];
    expect(new Set([...fixed, ...fresh]).size).toBe(fixed.length + fresh.length);
    expect((await at("train", 1)).metrics).toEqual((await at("train", 1)).metrics);
    expect((await at("train", 1)).metrics.excess).not.toBe((await at("train", 0)).metrics.excess);
  }, 240_000);

  it("reports the three test sets, the objective their mean", async () => {
    const { metrics } = await evaluate(context("test", withPriority(bestFit)));
    expect(metrics.excess_weibull5k?.toFixed(4)).toBe("0.0398");
    expect(metrics.excess_or3?.toFixed(4)).toBe("0.0537");
    expect(metrics.excess_weibull500).toBeGreaterThan(0);
    expect(metrics.excess_weibull500).toBeLessThan(0.01);
    const mean =
      ((metrics.excess_weibull5k ?? 0) +
        (metrics.excess_or3 ?? 0) +
        (metrics.excess_weibull500 ?? 0)) /
      3;
    expect(metrics.excess).toBeCloseTo(mean, 12);
  }, 120_000);

  it("rejects an unknown split", async () => {
    await expect(evaluate(context("validation", withPriority(bestFit)))).rejects.toThrow(
      /unknown split "validation"/,
    );
  });

  it("ends as invalid when the driver returns a bad assignment", async () => {
    const allInOneBin = (items: number[]) => items.map(() => 0);
    await expect(evaluate(context("train", allInOneBin))).rejects.toThrow(
      /instance train_weibull100_0: bin 0 holds .* over 100/,
    );
    await expect(evaluate(context("train", () => ({ bins: 1 })))).rejects.toThrow(Invalid);
  });
});
