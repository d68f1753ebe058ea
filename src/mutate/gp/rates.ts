/**
 * Adaptive operator rates. Each operator keeps a decayed count of trials and
 * of trials that improved on the parent; its weight is its base weight times
 * its smoothed success rate relative to the prior rate, kept within
 * [MIN_FACTOR, MAX_FACTOR] so no operator dies out or takes over. The counts
 * are plain JSON for resume.
 */
import type { Rng } from "../../util/rng.ts";

/** Prior: one success in twenty trials (a 5% improvement rate). */
const PRIOR_SUCCESSES = 1;
const PRIOR_TRIALS = 20;
/** Old outcomes fade: each new trial of an operator scales its counts by this. */
const DECAY = 0.998;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 5;

export interface OperatorStats {
  trials: number;
  successes: number;
}

export interface RatesState {
  version: 1;
  operators: Record<string, OperatorStats>;
}

export class OperatorRates {
  readonly #stats = new Map<string, OperatorStats>();

  readonly #base: Readonly<Record<string, number>>;

  constructor(base: Readonly<Record<string, number>>) {
    this.#base = base;
    for (const name of Object.keys(base)) this.#stats.set(name, { trials: 0, successes: 0 });
  }

  /** How much more (or less) often than its base weight an operator is picked. */
  factor(name: string): number {
    const s = this.#stats.get(name);
    if (!s) return 1;
    const rate = (s.successes + PRIOR_SUCCESSES) / (s.trials + PRIOR_TRIALS);
    const factor = rate / (PRIOR_SUCCESSES / PRIOR_TRIALS);
    return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
  }

  weight(name: string): number {
    return (this.#base[name] ?? 0) * this.factor(name);
  }

  /** One of `names`, with probability proportional to weight times `scale(name)`. */
  pick(
    rng: Rng,
    names: readonly string[],
    scale: (name: string) => number = () => 1,
  ): string | null {
    const weights = names.map((n) => this.weight(n) * scale(n));
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (!(total > 0)) return null;
    let r = rng.next() * total;
    for (let i = 0; i < names.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return names[i] ?? null;
    }
    return names.at(-1) ?? null;
  }

  /** Credits every operator named in `operator` ("wrap+constant" credits both). */
  reward(operator: string, improved: boolean): void {
    for (const name of new Set(operator.split("+"))) {
      const s = this.#stats.get(name);
      if (!s) continue;
      s.trials = s.trials * DECAY + 1;
      s.successes = s.successes * DECAY + (improved ? 1 : 0);
    }
  }

  save(): RatesState {
    const operators: Record<string, OperatorStats> = {};
    for (const [name, s] of this.#stats) operators[name] = { ...s };
    return { version: 1, operators };
  }

  /** Restores saved counts; anything malformed or unknown is ignored. */
  restore(state: unknown): void {
    if (typeof state !== "object" || state === null) return;
    const operators = (state as { operators?: unknown }).operators;
    if (typeof operators !== "object" || operators === null) return;
    for (const [name, value] of Object.entries(operators)) {
      const s = this.#stats.get(name);
      const v = value as Partial<OperatorStats> | null;
      if (!s || typeof v !== "object" || v === null) continue;
      const { trials, successes } = v;
      if (typeof trials !== "number" || typeof successes !== "number") continue;
      if (!(trials >= 0 && successes >= 0 && successes <= trials)) continue;
      s.trials = trials;
      s.successes = successes;
    }
  }
}
