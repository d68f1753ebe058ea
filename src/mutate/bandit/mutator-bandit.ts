/**
 * Chooses which mutator (arm: "gp", "openai:gpt-4.1-mini", ...) proposes the
 * next candidate, by improvement per unit cost (see `arm-score.ts`): every arm
 * is tried once, in order of weight; then the arm with the highest score wins,
 * ties broken by the run's rng, so a seed gives the same choices.
 *
 * Every `choose` should be followed by one `update` for that arm, with reward 0
 * when the candidate failed: until then the pull counts as in flight, so that
 * concurrent choices spread over untried arms. Totals persist with
 * `saveState`/`restoreState`; in-flight pulls and pauses do not.
 *
 * An arm whose pulls fail outright (`failed: true`: a model that answers every
 * call with an error after its retries) is paused after FAILURE_STREAK such
 * pulls in a row: `choose` skips it for a number of choices that doubles with
 * each pause (PAUSE_CHOICES, 2×, 4×, ... up to MAX_PAUSE_CHOICES), then tries
 * it once more; one more failure pauses it again, a success ends the streak.
 * Without this a broken model, whose score stays close to a working arm's
 * while neither improves, would be called hundreds of times. When every arm
 * is paused, the one whose pause ends first is chosen.
 */
import { StewardError } from "../../errors.ts";
import type { Rng } from "../../util/rng.ts";
import { type ScoreOptions, scoreArms } from "./arm-score.ts";
import {
  type ArmTotals,
  type BanditState,
  banditStateSchema,
  emptyTotals,
} from "./bandit-state.ts";

export interface BanditArm {
  id: string;
  /** Prior weight, > 0 (the charter's mutator weight). */
  weight: number;
}

export interface BanditOptions {
  /** Cost of every pull on top of the reported one (the candidate's evaluation), in the unit of `update`'s cost (US dollars). Default 0.001. */
  baseCost?: number;
  /** Scale of the exploration term. Default 1. */
  exploration?: number;
  /** Pseudo-pulls of the prior. Default 2. */
  priorPulls?: number;
  /** Reward per pull the prior assumes for an arm of average weight. Default 0.1. */
  priorReward?: number;
}

export interface ArmStats {
  id: string;
  weight: number;
  pulls: number;
  /** Summed reward and cost (as reported, without `baseCost`). */
  reward: number;
  cost: number;
  /** Smoothed reward per pull; cost per pull with `baseCost`; their ratio. */
  meanReward: number;
  meanCost: number;
  efficiency: number;
  /** The index `choose` maximises (Infinity for an untried arm). */
  score: number;
}

/** Outright failures in a row that pause an arm. */
export const FAILURE_STREAK = 5;
/** Choices an arm sits out on its first pause; each later pause doubles it. */
export const PAUSE_CHOICES = 20;
const MAX_PAUSE_CHOICES = 2_000;

export const DEFAULT_BANDIT_OPTIONS: Readonly<ScoreOptions> = {
  baseCost: 0.001,
  exploration: 1,
  priorPulls: 2,
  priorReward: 0.1,
};

interface Arm extends BanditArm {
  totals: ArmTotals;
  pending: number;
  /** Outright failures in a row. */
  streak: number;
  pauses: number;
  /** The arm sits out until this many choices have been made. */
  pausedUntil: number;
}

export class MutatorBandit {
  readonly #arms: Arm[];
  readonly #options: ScoreOptions;
  #choices = 0;

  /** Throws "charter-invalid" for no arms, a repeated id, a weight that is not > 0 or an option out of range. */
  constructor(arms: ReadonlyArray<BanditArm>, options: BanditOptions = {}) {
    if (arms.length === 0) throw invalid("the bandit needs at least one mutator");
    const seen = new Set<string>();
    for (const { id, weight } of arms) {
      if (seen.has(id)) throw invalid(`mutator "${id}" is listed twice; give each one once`);
      if (!(weight > 0 && Number.isFinite(weight))) {
        throw invalid(`mutator "${id}" has weight ${weight}; a weight must be a number > 0`);
      }
      seen.add(id);
    }
    this.#arms = arms.map(({ id, weight }) => ({
      id,
      weight,
      totals: emptyTotals(),
      pending: 0,
      streak: 0,
      pauses: 0,
      pausedUntil: 0,
    }));
    this.#options = { ...DEFAULT_BANDIT_OPTIONS, ...withoutUndefined(options) };
    const { baseCost, exploration, priorPulls, priorReward } = this.#options;
    if (!(baseCost > 0 && Number.isFinite(baseCost)))
      throw invalid("baseCost must be a number > 0");
    if (!(exploration >= 0 && priorPulls >= 0 && Number.isFinite(exploration + priorPulls))) {
      throw invalid("exploration and priorPulls must be numbers >= 0");
    }
    if (!Number.isFinite(priorReward)) throw invalid("priorReward must be a finite number");
  }

  /** The arm to pull next; it counts as in flight until its `update`. */
  choose(rng: Rng): string {
    const scores = scoreArms(this.#arms, this.#options);
    const choice = this.#choices++;
    const awake = this.#arms.filter((a) => a.pausedUntil <= choice);
    const candidates =
      awake.length > 0
        ? awake
        : this.#arms.filter(
            (a) => a.pausedUntil === Math.min(...this.#arms.map((b) => b.pausedUntil)),
          );
    const untried = candidates.filter((a) => a.totals.pulls + a.pending === 0);
    let best: Arm[];
    if (untried.length > 0) {
      const top = Math.max(...untried.map((a) => a.weight));
      best = untried.filter((a) => a.weight === top);
    } else {
      const scoreOf = (a: Arm) => scores[this.#arms.indexOf(a)]?.score ?? 0;
      const top = Math.max(...candidates.map(scoreOf));
      best = candidates.filter((a) => scoreOf(a) >= top - 1e-12 * Math.abs(top));
    }
    const arm = best.length === 1 ? (best[0] as Arm) : rng.pick(best);
    arm.pending++;
    return arm.id;
  }

  /**
   * Records one pull's outcome: `reward` in [0, 1] (1 if the child beat its
   * parent, or a gain scaled into [0, 1]; clamped) and `cost` (US dollars
   * spent; 0 for gp), and `failed` when the mutator failed outright (see the
   * pauses above). Unknown ids are ignored; a non-finite reward or a negative
   * or non-finite cost counts as 0.
   */
  update(id: string, outcome: { reward: number; cost: number; failed?: boolean }): void {
    const arm = this.#arms.find((a) => a.id === id);
    if (!arm) return;
    const reward = Number.isFinite(outcome.reward) ? Math.min(1, Math.max(0, outcome.reward)) : 0;
    const cost = Number.isFinite(outcome.cost) && outcome.cost > 0 ? outcome.cost : 0;
    arm.totals.pulls++;
    arm.totals.reward += reward;
    arm.totals.rewardSquares += reward * reward;
    arm.totals.cost += cost;
    arm.pending = Math.max(0, arm.pending - 1);
    if (!outcome.failed) {
      arm.streak = 0;
      return;
    }
    arm.streak++;
    if (arm.streak < FAILURE_STREAK) return;
    const length = Math.min(MAX_PAUSE_CHOICES, PAUSE_CHOICES * 2 ** arm.pauses);
    arm.pauses++;
    arm.pausedUntil = this.#choices + length;
    // After the pause one more failure pauses it again.
    arm.streak = FAILURE_STREAK - 1;
  }

  /** Whether an arm is sitting out a pause now. */
  isPaused(id: string): boolean {
    const arm = this.#arms.find((a) => a.id === id);
    return arm !== undefined && arm.pausedUntil > this.#choices;
  }

  stats(): ArmStats[] {
    const scores = scoreArms(this.#arms, this.#options);
    return this.#arms.map((arm, i) => {
      const s = scores[i] ?? { meanReward: 0, meanCost: 0, efficiency: 0, score: 0 };
      const { pulls, reward, cost } = arm.totals;
      return { id: arm.id, weight: arm.weight, pulls, reward, cost, ...s };
    });
  }

  saveState(): BanditState {
    return {
      version: 1,
      arms: Object.fromEntries(this.#arms.map((a) => [a.id, { ...a.totals }])),
    };
  }

  /**
   * Restores saved totals for the arms this bandit has (arms saved but no
   * longer listed are dropped, new arms start fresh). A state that does not
   * validate resets every arm instead; it never throws. Returns whether the
   * state was used.
   */
  restoreState(state: unknown): boolean {
    const parsed = banditStateSchema.safeParse(state);
    for (const arm of this.#arms) {
      const saved = parsed.success ? parsed.data.arms[arm.id] : undefined;
      arm.totals = saved ? { ...saved } : emptyTotals();
      arm.pending = 0;
      arm.streak = 0;
      arm.pausedUntil = 0;
    }
    return parsed.success;
  }
}

function invalid(message: string): StewardError {
  return new StewardError("charter-invalid", message);
}

function withoutUndefined(options: BanditOptions): Partial<ScoreOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
