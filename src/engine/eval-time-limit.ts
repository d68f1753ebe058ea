/**
 * The wall-clock limit of a run's search evaluations under
 * `limits.eval_timeout_ms: auto`: max(floor, factor x the slowest of the
 * champion's recent evaluations), never above the cap. An honest candidate
 * takes about as long as the champion, so a limit that follows the champion
 * cuts a candidate that loops forever in seconds instead of holding a worker
 * for the whole fixed limit. Until the champion has been timed, the cap applies.
 *
 * A machine gets busier during a run (gates re-evaluate a new best beside the
 * search), and a champion timed while it was quiet would then cut honest
 * candidates. So the champion's time is raised to the median of the latest ok
 * evaluations when that is slower: the median follows the load, and no single
 * slow candidate can drag the limit up (a runaway never counts: it is not ok).
 */
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { AutoEvalTimeout } from "../problem/charter-limits.ts";

/** How many of the champions' latest evaluations count: one fast outlier does not shrink the limit. */
export const RECENT_CHAMPION_EVALUATIONS = 5;
/** How many of the run's latest ok evaluations give the load's median. */
export const RECENT_EVALUATIONS = 9;

export class EvalTimeLimit {
  readonly #recent: number[] = [];
  readonly #latest: number[] = [];
  readonly #auto: AutoEvalTimeout | null;
  readonly #fixedMs: number;

  /**
   * @param auto the charter's settings, or null for a fixed limit
   * @param fixedMs the charter's fixed limit (with auto, its cap)
   */
  constructor(auto: AutoEvalTimeout | null, fixedMs: number) {
    this.#auto = auto;
    this.#fixedMs = fixedMs;
  }

  /** The limit for the next search evaluation (ms). */
  limitMs(): number {
    if (!this.#auto) return this.#fixedMs;
    if (this.#recent.length === 0) return this.#auto.maxMs;
    const slowest = Math.max(...this.#recent, median(this.#latest));
    const derived = Math.ceil(this.#auto.factor * slowest);
    return Math.min(this.#auto.maxMs, Math.max(this.#auto.floorMs, derived));
  }

  /** An evaluation of the champion (the seed, or a new best) ended: its time counts. */
  championEvaluated(outcome: Pick<EvaluationOutcome, "outcome" | "mode" | "durationMs">): void {
    if (outcome.outcome !== "ok" || outcome.mode !== "search") return;
    this.#recent.push(outcome.durationMs);
    if (this.#recent.length > RECENT_CHAMPION_EVALUATIONS) this.#recent.shift();
  }

  /** Any search evaluation of the run ended: an ok one tells how busy the machine is. */
  evaluated(outcome: Pick<EvaluationOutcome, "outcome" | "mode" | "durationMs">): void {
    if (outcome.outcome !== "ok" || outcome.mode !== "search") return;
    this.#latest.push(outcome.durationMs);
    if (this.#latest.length > RECENT_EVALUATIONS) this.#latest.shift();
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}
