/**
 * Where candidates come from: picks a parent and inspirations, lets the bandit
 * choose a mutator (by improvement per unit cost), hands it the lineage's recent
 * failures and the run's meta-notes, and queues self-repair of LLM candidates
 * that failed to compile or crashed. It also keeps the novelty index and writes
 * meta-notes every K evaluations. The loop in `evolve.ts` stores and evaluates
 * what comes out.
 */
import type { EvaluationOutcome, Metrics } from "../evaluation/outcome.ts";
import { MutatorBandit } from "../mutate/bandit/mutator-bandit.ts";
import { isBudgetExhausted } from "../mutate/llm/llm-result.ts";
import type { RecentResult } from "../mutate/llm/meta-notes.ts";
import type { MutationResult, Mutator } from "../mutate/mutator.ts";
import { NoveltyIndex } from "../population/novelty.ts";
import type { Population } from "../population/population.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import type { Rng } from "../util/rng.ts";
import type { BuiltMutators } from "./build-mutators.ts";
import { restoreMutatorState, saveMutatorState } from "./mutator-state.ts";

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

interface RepairJob {
  programId: number;
  island: number;
  generation: number;
  code: string;
  error: string;
  mutator: string;
  depth: number;
}

const FEEDBACK_ENTRIES = 3;
const FEEDBACK_CHARS = 600;
const RECENT_RESULTS = 60;

export class MutationSource {
  readonly #built: BuiltMutators;
  readonly #problem: Problem;
  readonly #store: Store;
  readonly #runId: number;
  readonly bandit: MutatorBandit | null;
  /** The most recent programs per island; a query compares against each (~6 ms at 300). */
  readonly #novelty = new NoveltyIndex({ capacity: 300 });
  /** Recent failures of each parent's children, newest first. */
  readonly #failures = new Map<number, string[]>();
  readonly #repairs: RepairJob[] = [];
  readonly #repairDepth = new Map<number, number>();
  /** Arm, cost and parent's fitness of each candidate in flight, for the bandit's reward. */
  readonly #pulls = new Map<number, { arm: string; cost: number; parentFitness: number | null }>();
  #recent: RecentResult[] = [];
  #notes = "";
  #notesAt = 0;

  constructor(built: BuiltMutators, problem: Problem, store: Store, runId: number) {
    this.#built = built;
    this.#problem = problem;
    this.#store = store;
    this.#runId = runId;
    this.bandit = built.arms.length > 1 ? new MutatorBandit(built.arms) : null;
    const last = store.llm.notes(runId).at(-1);
    if (last) {
      this.#notes = last.text;
      this.#notesAt = last.evaluations;
    }
  }

  get mutators(): readonly Mutator[] {
    return this.#built.mutators;
  }

  /** The run's meta-notes so far ("" for none). */
  get notes(): string {
    return this.#notes;
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
    const repair = this.#repairs.shift();
    if (repair) return this.#repair(repair, ctx);
    const { population, rng, island } = ctx;
    const parent = population.selectParent(island, rng);
    const inspirations = population.inspirations(island, parent.id, ctx.inspirations, rng);
    const arm = this.bandit ? this.bandit.choose(rng) : (this.#built.arms[0]?.id ?? "gp");
    const mutator = this.#built.mutators.find((m) => m.name === arm) ?? this.#built.mutators[0];
    if (!mutator) return { kind: "unsupported", mutator: arm, message: "no mutator configured" };
    const view = (id: number) => ({ id, code: ctx.codeOf(id), metrics: this.#metricsOf(id) });
    const spentBefore = this.#built.budget.spent().usd;
    const result = await mutator.mutate({
      parent: view(parent.id),
      inspirations: inspirations.map((m) => view(m.id)),
      problem: this.#problemView(),
      feedback: this.#failures.get(parent.id) ?? [],
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

  /** Whether a candidate differs enough from its island's programs. */
  isNovel(island: number, code: string): boolean {
    return this.#novelty.isNovel(island, code, this.#problem.charter.novelty.threshold);
  }

  /** A candidate was stored and starts its evaluation; `parentFitness` is null for a parent outside the population. */
  created(
    candidateId: number,
    programId: number,
    next: Extract<NextCandidate, { kind: "candidate" }>,
    parentFitness: number | null,
  ): void {
    this.#novelty.add(next.island, programId, next.code);
    this.#pulls.set(candidateId, { arm: next.mutator, cost: next.cost, parentFitness });
  }

  /** Programs of a resumed run, so novelty compares against them too. */
  remember(island: number, programId: number, code: string): void {
    this.#novelty.add(island, programId, code);
  }

  /**
   * After an evaluation: the bandit's reward (1 when the child's fitness beats its
   * parent's), lineage feedback, repair, notes input. Returns the reward.
   */
  acknowledged(candidate: {
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
  }): number {
    const pull = this.#pulls.get(candidate.id);
    this.#pulls.delete(candidate.id);
    const parent = pull?.parentFitness ?? null;
    const improved = candidate.fitness !== null && parent !== null && candidate.fitness > parent;
    const reward = improved ? 1 : 0;
    if (pull) this.bandit?.update(pull.arm, { reward, cost: pull.cost });
    const failed = candidate.outcome.outcome !== "ok";
    const error = failed ? describeFailure(candidate.outcome) : "";
    if (failed && candidate.parentId !== null) {
      const list = [error, ...(this.#failures.get(candidate.parentId) ?? [])];
      this.#failures.set(candidate.parentId, list.slice(0, FEEDBACK_ENTRIES));
    }
    this.#queueRepair(candidate, error);
    const result: RecentResult = {
      operator: candidate.operator,
      outcome: failed ? "failed" : improved ? "improved" : "kept",
      metrics: candidate.outcome.metrics,
      note: failed ? error : (candidate.rationale ?? ""),
    };
    this.#recent = [result, ...this.#recent].slice(0, RECENT_RESULTS);
    return reward;
  }

  /** Writes meta-notes when K more evaluations happened since the last ones. */
  async writeNotes(
    evaluated: number,
    rng: Rng,
    signal: AbortSignal,
  ): Promise<"ok" | "budget" | null> {
    const notes = this.#built.notes;
    const every = this.#problem.charter.metaNotes.every;
    if (!notes || every === 0 || evaluated - this.#notesAt < every || this.#recent.length === 0)
      return null;
    this.#notesAt = evaluated;
    // Loaded here: it pulls in the AI SDK, which gp-only runs never need.
    const { summariseResults } = await import("../mutate/llm/meta-notes.ts");
    const result = await summariseResults(notes, {
      problem: this.#problemView(),
      recent: this.#recent,
      previousNotes: this.#notes,
      rng,
      signal,
    });
    if (!result.ok) return isBudgetExhausted(result) ? "budget" : null;
    this.#notes = result.notes;
    this.#recent = [];
    this.#store.llm.addNote(this.#runId, evaluated, result.notes);
    return "ok";
  }

  async #repair(job: RepairJob, ctx: ProposeContext): Promise<NextCandidate> {
    const mutator = this.#built.llm.get(job.mutator);
    if (!mutator) return { kind: "refused", mutator: job.mutator, message: "no such LLM mutator" };
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
    if (next.kind === "candidate") this.#repairDepth.set(job.programId, job.depth + 1);
    return next;
  }

  #outcome(
    result: MutationResult,
    mutator: string,
    cost: number,
    where: { island: number; parentId: number; generation: number },
  ): NextCandidate {
    if (!result.ok) {
      this.bandit?.update(mutator, { reward: 0, cost });
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

  #queueRepair(candidate: Parameters<MutationSource["acknowledged"]>[0], error: string): void {
    const kind = candidate.outcome.outcome;
    if ((kind !== "invalid" && kind !== "crashed") || !this.#built.llm.has(candidate.mutator))
      return;
    const depth =
      candidate.parentId === null ? 0 : (this.#repairDepth.get(candidate.parentId) ?? 0);
    if (depth >= this.#problem.charter.repair.maxPerLineage) return;
    this.#repairDepth.set(candidate.programId, depth);
    this.#repairs.push({
      programId: candidate.programId,
      island: candidate.island,
      generation: candidate.generation,
      code: candidate.code,
      error,
      mutator: candidate.mutator,
      depth,
    });
  }

  #metricsOf(programId: number): Metrics | null {
    const evaluations = this.#store.listEvaluations(programId);
    return evaluations.findLast((e) => e.outcome === "ok")?.metrics ?? null;
  }

  #problemView() {
    const { charter } = this.#problem;
    return {
      description: charter.description,
      objective: charter.objective,
      language: charter.language,
    };
  }
}

function describeFailure(outcome: EvaluationOutcome): string {
  const stderr = outcome.stderr.trim();
  const text = `${outcome.outcome}: ${outcome.error?.message ?? "no message"}${stderr ? `\nstderr: ${stderr.slice(-300)}` : ""}`;
  return text.length > FEEDBACK_CHARS ? `${text.slice(0, FEEDBACK_CHARS)}...` : text;
}
