/**
 * The evaluations the gates of one `runGates` call ask for, each made at most
 * once (the champion's verify-mode score serves the resources and implausible
 * gates alike), and the objective read from each, failing closed.
 */
import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import type { Charter } from "../../problem/charter.ts";
import type { GateContext, GateEvaluateOptions, GateEvaluations, Scored } from "./gate.ts";

/** An evaluation that gave no usable objective; the runner reports it as status "error". */
export class UnscoredError extends Error {
  readonly evidence: Record<string, unknown>;

  constructor(message: string, evidence: Record<string, unknown>) {
    super(message);
    this.name = "UnscoredError";
    this.evidence = evidence;
  }
}

export type Subject = "candidate" | "champion";

/** The objective of an outcome; throws UnscoredError unless it is ok with a finite objective. */
export function scoreOf(outcome: EvaluationOutcome, charter: Charter, label: string): number {
  const where = { mode: outcome.mode, split: outcome.split, outcome: outcome.outcome };
  if (outcome.outcome !== "ok") {
    const reason = outcome.error ? `: ${outcome.error.message}` : "";
    throw new UnscoredError(`${label} ended "${outcome.outcome}"${reason}`, {
      ...where,
      ...(outcome.error ? { error: outcome.error.message, source: outcome.error.source } : {}),
    });
  }
  const metric = charter.objective.metric;
  const value = outcome.metrics?.[metric];
  if (value === undefined || !Number.isFinite(value)) {
    throw new UnscoredError(`${label} has no finite "${metric}"`, { ...where, metric });
  }
  return value;
}

/** Memoized per subject, mode, split and seed, for one `runGates` call. */
export class SharedEvaluations implements GateEvaluations {
  readonly #ctx: GateContext;
  readonly #memo = new Map<string, Promise<Scored>>();

  constructor(ctx: GateContext) {
    this.#ctx = ctx;
  }

  candidateSearch(): number {
    return scoreOf(this.#ctx.candidate.search, this.#ctx.charter, "the candidate's search run");
  }

  async championSearch(): Promise<number> {
    const { search } = this.#ctx.champion;
    if (search !== null) return scoreOf(search, this.#ctx.charter, "the champion's search run");
    const { score } = await this.get("champion", this.atSeed("verify"));
    return score;
  }

  atSeed(mode: GateEvaluateOptions["mode"]): GateEvaluateOptions {
    return { mode, split: this.#ctx.candidate.search.split, seed: this.#ctx.seed };
  }

  get(subject: Subject, options: GateEvaluateOptions): Promise<Scored> {
    const key = `${subject} ${options.mode} ${options.split} ${options.seed}`;
    let scored = this.#memo.get(key);
    if (scored === undefined) {
      scored = this.#evaluate(subject, options);
      this.#memo.set(key, scored);
    }
    return scored;
  }

  async #evaluate(subject: Subject, options: GateEvaluateOptions): Promise<Scored> {
    const { code } = this.#ctx[subject];
    const outcome = await this.#ctx.evaluate(code, options);
    const label = `the ${subject}'s ${options.mode} run on "${options.split}" (seed ${options.seed})`;
    return { outcome, score: scoreOf(outcome, this.#ctx.charter, label) };
  }
}
