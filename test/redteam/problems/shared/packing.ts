/**
 * The red team's packing instances and the check of an assignment, shared by
 * the JS problem (`packing/`, scored through a driver) and the Python one
 * (`pypack/`, scored with `candidate.run`). Trusted evaluator code: the
 * red-team world copies this folder beside the problem it builds, so both
 * evaluators import it as `../shared/packing.ts` and the pin covers it.
 */
import fs from "node:fs";
import path from "node:path";
import type { EvalContext } from "steward";

export interface Instance {
  capacity: number;
  items: number[];
}

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three instances drawn from the evaluation's seed. */
export function generated(seed: number): Instance[] {
  const next = random(seed + 1);
  return [0, 1, 2].map(() => ({
    capacity: 100,
    items: Array.from({ length: 120 }, () => 5 + Math.floor(next() * 60)),
  }));
}

/** data/holdout.json, with the canary that proves no candidate read it. */
export function holdout(ctx: EvalContext): Instance[] {
  const file = JSON.parse(fs.readFileSync(path.join(ctx.dataDir, "holdout.json"), "utf8")) as {
    canary: string;
    instances: Instance[];
  };
  if (!file.canary.startsWith("REDTEAM-HOLDOUT")) ctx.invalid("holdout data is damaged");
  return file.instances;
}

/** Bins used by a valid assignment; anything else ends the evaluation as invalid. */
export function binsUsed(ctx: EvalContext, instance: Instance, assignment: unknown): number {
  if (!Array.isArray(assignment) || assignment.length !== instance.items.length)
    return ctx.invalid("an assignment of the wrong length");
  const load: number[] = [];
  assignment.forEach((bin, i) => {
    if (!Number.isInteger(bin) || bin < 0 || bin > load.length)
      ctx.invalid(`item ${i} went to bin ${String(bin)}`);
    load[bin] = (load[bin] ?? 0) + (instance.items[i] ?? 0);
    if ((load[bin] ?? 0) > instance.capacity) ctx.invalid(`bin ${bin} overflows`);
  });
  return load.length;
}
