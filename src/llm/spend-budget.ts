/**
 * The run's money and token budget for model calls. A call reserves its worst
 * case before it starts (its prompt and `max_tokens` at the model's price) and
 * settles what it really used when it ends, or releases the reservation when it
 * failed without being billed. A reservation that would take spent + reserved
 * past a limit is refused, so spending can exceed a limit only by what calls
 * used beyond their own reservation, which a correct worst case rules out.
 */
import { StewardError } from "../errors.ts";

export interface SpendLimits {
  /** US dollars for the run, or null for no limit. */
  maxUsd: number | null;
  /** Prompt + completion tokens for the run, or null for no limit. */
  maxTokens: number | null;
}

export interface Spend {
  usd: number;
  tokens: number;
}

/** A call's claim on the budget, from `reserve` until `settle` or `release`. */
export interface Reservation {
  readonly id: number;
  readonly usd: number;
  readonly tokens: number;
}

/** Thrown by `reserve` when the call might not fit: the run should stop calling models. */
export class BudgetExceededError extends StewardError {
  readonly limit: "money" | "tokens";

  constructor(limit: "money" | "tokens", message: string) {
    super("budget", message);
    this.name = "BudgetExceededError";
    this.limit = limit;
  }
}

export class SpendBudget {
  readonly #limits: SpendLimits;
  readonly #spentSoFar: Spend;
  readonly #open = new Map<number, Reservation>();
  #nextId = 1;

  /** `alreadySpent` restores a resumed run's spending. */
  constructor(limits: SpendLimits, alreadySpent: Spend = { usd: 0, tokens: 0 }) {
    this.#limits = limits;
    this.#spentSoFar = { ...alreadySpent };
  }

  /** Claims a call's worst case; throws BudgetExceededError when it would not fit. */
  reserve(maxUsd: number, maxTokens: number): Reservation {
    const held = this.reserved();
    const { maxUsd: usdLimit, maxTokens: tokenLimit } = this.#limits;
    if (usdLimit !== null && this.#spentSoFar.usd + held.usd + maxUsd > usdLimit) {
      throw new BudgetExceededError(
        "money",
        `money budget: a call may cost up to $${fmt(maxUsd)}, and $${fmt(this.#spentSoFar.usd)} spent + $${fmt(held.usd)} reserved leaves less of the $${fmt(usdLimit)} limit: raise budget.money in steward.yaml to continue`,
      );
    }
    if (tokenLimit !== null && this.#spentSoFar.tokens + held.tokens + maxTokens > tokenLimit) {
      throw new BudgetExceededError(
        "tokens",
        `token budget: a call may use up to ${maxTokens} tokens, and ${this.#spentSoFar.tokens} used + ${held.tokens} reserved leaves less of the ${tokenLimit} limit: raise budget.tokens in steward.yaml to continue`,
      );
    }
    const reservation: Reservation = { id: this.#nextId++, usd: maxUsd, tokens: maxTokens };
    this.#open.set(reservation.id, reservation);
    return reservation;
  }

  /** Ends a reservation with what the call really used. */
  settle(reservation: Reservation, usd: number, tokens: number): void {
    if (!this.#open.delete(reservation.id)) return;
    this.#spentSoFar.usd += Math.max(0, usd);
    this.#spentSoFar.tokens += Math.max(0, tokens);
  }

  /** Ends a reservation for a call that was not billed. */
  release(reservation: Reservation): void {
    this.#open.delete(reservation.id);
  }

  spent(): Spend {
    return { ...this.#spentSoFar };
  }

  /** What calls in flight hold. */
  reserved(): Spend {
    let usd = 0;
    let tokens = 0;
    for (const r of this.#open.values()) {
      usd += r.usd;
      tokens += r.tokens;
    }
    return { usd, tokens };
  }

  limitsOf(): SpendLimits {
    return { ...this.#limits };
  }
}

function fmt(usd: number): string {
  return usd < 0.01 ? usd.toFixed(6) : usd.toFixed(2);
}
