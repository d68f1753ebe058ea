/**
 * Where candidates come from: picks a parent and inspirations, lets the bandit
 * choose a mutator (by improvement per unit cost), and asks it for a program,
 * with the lineage's recent failures (`LineageFeedback`). A queued self-repair
 * (`RepairQueue`) goes before an ordinary mutation. After each evaluation it
 * rewards the bandit arm and the mutator's operator with the one definition of
 * "improved" (`improvement.ts`) and feeds the run's meta-notes (`RunNotes`).
 * Novelty is the candidate maker's concern; the loop in `evolve.ts` stores and
 * evaluates what comes out.
 */
import type { EvaluationOutcome, Metrics } from "../evaluation/outcome.ts";
import { MutatorBandit } from "../mutate/bandit/mutator-bandit.ts";
import { isBudgetExhausted } from "../mutate/llm/llm-result.ts";
import type { MutationResult, Mutator, ProblemView } from "../mutate/mutator.ts";
import type { Population } from "../population/population.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import type { Rng } from "../util/rng.ts";
import type { BuiltMutators } from "./build-mutators.ts";
import { improvedOnParent } from "./improvement.ts";
import { describeFailure, LineageFeedback } from "./lineage-feedback.ts";
import { restoreMutatorState, saveMutatorState } from "./mutator-state.ts";
import { type RepairJob, RepairQueue } from "./repair-queue.ts";
import { RunNotes } from "./run-notes.ts";

export type NextCandidate =
  | {
      kind: "candidate";
      island: number;
      parentId: number;
      generation: number;
      mutator: string;
      operator: string;
      code: string;
      rationale: string | null;
      /** US dollars the mutation cost. */
      cost: number;
    }
  | { kind: "refused"; mutator: string; message: string }
  | { kind: "unsupported"; mutator: string; message: string }
  | { kind: "budget"; message: string };

export interface ProposeContext {
  population: Population;
  rng: Rng;
  island: number;
  inspirations: number;
  codeOf(programId: number): string;
  signal: AbortSignal;
}

/** An evaluated candidate, as `acknowledged` needs it. */
export interface AcknowledgedCandidate {
  id: number;
  programId: number;
  parentId: number | null;
  island: number;
  generation: number;
  mutator: string;
  operator: string;
  code: string;
  outcome: EvaluationOutcome;
  /** Null unless the evaluation was ok and met the constraints. */
  fitness: number | null;
  rationale: string | null;
}

export class MutationSource {
  readonly #built: BuiltMutators;
  readonly #problem: Problem;
  readonly #store: Store;
  readonly bandit: MutatorBandit | null;
  readonly #feedback = new LineageFeedback();
  readonly #repairs: RepairQueue;
  readonly #notes: RunNotes;
  /** Arm, cost and parent's fitness of each candidate in flight, for the rewards. */
  readonly #pulls = new Map<number, { arm: string; cost: number; parentFitness: number | null }>();

  constructor(built: BuiltMutators, problem: Problem, store: Store, runId: number) {
    this.#built = built;
    this.#problem = problem;
    this.#store = store;
    this.bandit = built.arms.length > 1 ? new MutatorBandit(built.arms) : null;
    this.#repairs = new RepairQueue(problem.charter.repair.maxPerLineage);
    this.#notes = new RunNotes(built.notes, problem, store, runId);
  }

  get mutators(): readonly Mutator[] {
    return this.#built.mutators;
  }

  /** The run's meta-notes so far ("" for none). */
  get notes(): string {
    return this.#notes.text;
  }

  save(): Record<string, unknown> {
    return { ...saveMutatorState(this.#built.mutators), bandit: this.bandit?.saveState() ?? null };
  }

  restore(state: unknown): void {
    restoreMutatorState(this.#built.mutators, state);
    const saved = (state as { bandit?: unknown } | null)?.bandit;
    if (saved) this.bandit?.restoreState(saved);
  }

  async next(ctx: ProposeContext): Promise<NextCandidate> {
    const repair = this.#repairs.take();
    if (repair) return this.#repair(repair, ctx);
    const { population, rng, island } = ctx;
    const parent = population.selectParent(island, rng);
    const inspirations = population.inspirations(island, parent.id, ctx.inspirations, rng);
    const arm = this.bandit ? this.bandit.choose(rng) : (this.#built.arms[0]?.id ?? "gp");
    const mutator = this.#mutator(arm) ?? this.#built.mutators[0];
    if (!mutator) return { kind: "unsupported", mutator: arm, message: "no mutator configured" };
    const view = (id: number) => ({ id, code: ctx.codeOf(id), metrics: this.#metricsOf(id) });
    const spentBefore = this.#built.budget.spent().usd;
    const result = await mutator.mutate({
      parent: view(parent.id),
      inspirations: inspirations.map((m) => view(m.id)),
      problem: this.#problemView(),
      feedback: this.#feedback.of(parent.id),
      rng,
      signal: ctx.signal,
    });
    const cost = this.#built.budget.spent().usd - spentBefore;
    return this.#outcome(result, mutator.name, cost, {
      island,
      parentId: parent.id,
      generation: parent.generation + 1,
    });
  }

  /** A candidate was dropped before evaluation (a duplicate, or not novel): no reward. */
  discarded(next: Extract<NextCandidate, { kind: "candidate" }>): void {
    this.bandit?.update(next.mutator, { reward: 0, cost: next.cost });
  }

  /** A candidate was stored and starts its evaluation; `parentFitness` is null for a parent outside the population. */
  created(
    candidateId: number,
    next: Extract<NextCandidate, { kind: "candidate" }>,
    parentFitness: number | null,
  ): void {
    this.#pulls.set(candidateId, { arm: next.mutator, cost: next.cost, parentFitness });
  }

  /**
   * After an evaluation: rewards the bandit arm and the mutator's operator
   * (1 when the child beat its parent), gives a failure to the lineage's
   * feedback, queues a repair, and feeds the meta-notes. Returns the reward.
   */
  acknowledged(candidate: AcknowledgedCandidate): number {
    const pull = this.#pulls.get(candidate.id);
    this.#pulls.delete(candidate.id);
    const improved = improvedOnParent(candidate.fitness, pull?.parentFitness ?? null);
    const reward = improved ? 1 : 0;
    if (pull) this.bandit?.update(pull.arm, { reward, cost: pull.cost });
    const mutator = this.#mutator(candidate.mutator);
    mutator?.reward?.(candidate.operator, improved);
    const failed = candidate.outcome.outcome !== "ok";
    const error = failed ? describeFailure(candidate.outcome) : "";
    if (failed && candidate.parentId !== null) this.#feedback.failed(candidate.parentId, error);
    this.#repairs.consider(
      { ...candidate, outcome: candidate.outcome.outcome },
      error,
      mutator?.repair !== undefined,
    );
    this.#notes.record({
      operator: candidate.operator,
      outcome: failed ? "failed" : improved ? "improved" : "kept",
      metrics: candidate.outcome.metrics,
      note: failed ? error : (candidate.rationale ?? ""),
    });
    return reward;
  }

  /** Writes meta-notes when K more evaluations happened since the last ones. */
  writeNotes(evaluated: number, rng: Rng, signal: AbortSignal): Promise<"ok" | "budget" | null> {
    return this.#notes.write(evaluated, rng, signal);
  }

  async #repair(job: RepairJob, ctx: ProposeContext): Promise<NextCandidate> {
    const mutator = this.#mutator(job.mutator);
    if (!mutator?.repair)
      return { kind: "refused", mutator: job.mutator, message: "this mutator cannot repair" };
    const spentBefore = this.#built.budget.spent().usd;
    const result = await mutator.repair({
      code: job.code,
      error: job.error,
      problem: this.#problemView(),
      rng: ctx.rng,
      signal: ctx.signal,
    });
    const cost = this.#built.budget.spent().usd - spentBefore;
    const next = this.#outcome(result, mutator.name, cost, {
      island: job.island,
      parentId: job.programId,
      generation: job.generation + 1,
    });
    if (next.kind === "candidate") this.#repairs.repaired(job);
    return next;
  }

  #mutator(name: string): Mutator | undefined {
    return this.#built.mutators.find((m) => m.name === name);
  }

  #outcome(
    result: MutationResult,
    mutator: string,
    cost: number,
    where: { island: number; parentId: number; generation: number },
  ): NextCandidate {
    if (!result.ok) {
      // "error": the mutator's resource failed (a model call, after retries);
      // a run of them pauses the arm instead of calling it again and again.
      this.bandit?.update(mutator, { reward: 0, cost, failed: result.reason === "error" });
      if (isBudgetExhausted(result)) return { kind: "budget", message: result.message };
      if (result.reason === "unsupported")
        return { kind: "unsupported", mutator, message: result.message };
      return { kind: "refused", mutator, message: result.message };
    }
    return {
      kind: "candidate",
      ...where,
      mutator,
      operator: result.operator,
      code: result.code,
      rationale: result.rationale ?? null,
      cost,
    };
  }

  #metricsOf(programId: number): Metrics | null {
    const evaluations = this.#store.listEvaluations(programId);
    return evaluations.findLast((e) => e.outcome === "ok")?.metrics ?? null;
  }

  #problemView(): ProblemView {
    const { charter } = this.#problem;
    return {
      description: charter.description,
      objective: charter.objective,
      language: charter.language,
    };
  }
}
