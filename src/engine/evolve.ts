/**
 * The evolution loop: keep N evaluations in flight, each a mutation of a parent
 * chosen from the population, stored before it runs and acknowledged (stored with
 * its result) when it ends; stop on the budget or on request; resume from the
 * store after a stop or a crash with nothing acknowledged lost or charged twice.
 */
import { isStewardError, StewardError } from "../errors.ts";
import { fitnessOf } from "../evaluation/fitness.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { Ledger } from "../ledger/ledger.ts";
import type { Overseer } from "../oversight/overseer.ts";
import { featuresFor } from "../population/features.ts";
import type { PopulationConfig, PopulationSnapshot } from "../population/types.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { QueueDispatcher } from "../queue/dispatcher.ts";
import { openProblemStore } from "../store/problem-store.ts";
import type { CandidateRecord, RunRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import type { Rng } from "../util/rng.ts";
import { type Budget, budgetStop } from "./budget.ts";
import { CandidateMaker } from "./candidate-maker.ts";
import { createMutationSource } from "./create-mutation-source.ts";
import { EvalTimeLimit, RECENT_CHAMPION_EVALUATIONS } from "./eval-time-limit.ts";
import { EvaluatorPool } from "./evaluator-pool.ts";
import type { MutationSource } from "./mutation-source.ts";
import { openRun } from "./open-run.ts";
import type { RunEvent, RunStats, StopReason } from "./run-events.ts";
import { acquireRunLock, clearStopRequest, isPaused, readStopRequest } from "./run-files.ts";
import {
  DEFAULT_INSPIRATIONS,
  DEFAULT_WORKERS,
  type EngineOptions,
  POLL_MS,
  SAVE_ELAPSED_MS,
} from "./run-options.ts";
import { adoptSeedAsChampion, createRunOverseer, recordRunEnd } from "./run-oversight.ts";
import type { RunState } from "./run-state.ts";
import { describeStop } from "./stop-message.ts";

export interface RunSummary {
  runId: number;
  reason: StopReason;
  message: string;
  stats: RunStats;
  /** The population as the run left it. */
  population: PopulationSnapshot;
  /** Proposals waiting for review, over all runs of the problem. */
  openProposals: number;
}

export async function evolve(problem: Problem, options: EngineOptions = {}): Promise<RunSummary> {
  const release = acquireRunLock(problem.dir);
  clearStopRequest(problem.dir);
  const store = openProblemStore(problem.dir);
  try {
    return await new RunLoop(problem, store, options).run();
  } finally {
    store.close();
    release();
  }
}

interface InFlight {
  candidate: CandidateRecord;
  code: string;
  promise: Promise<void>;
}

class RunLoop {
  readonly budget: Budget;
  readonly workers: number;
  private source!: MutationSource;
  private readonly pool = new EvaluatorPool();
  /** With `--queue`, candidates go to workers through Redis; gates stay on this machine's pool. */
  private dispatcher: QueueDispatcher | null = null;
  private readonly abort = new AbortController();
  private readonly inFlight = new Map<number, InFlight>();
  private readonly sessionStart = performance.now();
  private record!: RunRecord;
  private state!: RunState;
  private rng!: Rng;
  private elapsedBefore = 0;
  private sessionEvaluated = 0;
  private maker!: CandidateMaker;
  /** The search evaluations' time limit, following the champion under `eval_timeout_ms: auto`. */
  private timeLimit!: EvalTimeLimit;
  /** Set when the LLM money or token budget ran out: the run stops. */
  private spendStop: string | null = null;
  private fatal: Error | null = null;
  private populationSettings!: PopulationConfig;
  private overseer!: Overseer;
  private readonly ledger: Ledger;
  /** Set when a pinned file changed: the run halts. */
  private halted: StewardError | null = null;
  private paused = false;

  constructor(
    private readonly problem: Problem,
    private readonly store: Store,
    private readonly options: EngineOptions,
  ) {
    const { budget } = problem.charter;
    this.budget = {
      maxEvals: budget.evaluations,
      maxTimeMs: budget.timeMs,
      target: null,
      ...options.budget,
    };
    this.ledger = new Ledger(store, problem.dir);
    this.workers = Math.max(1, options.workers ?? DEFAULT_WORKERS);
  }

  /** Evaluations to keep in flight: the workers asked for, or the queue's backlog limit. */
  private capacity(): number {
    return this.dispatcher?.capacity() ?? this.workers;
  }

  /** Opens the run, builds its mutators and oversight; a failure here leaves the run stopped. */
  private async startUp(): Promise<boolean> {
    const resumed = this.open();
    try {
      this.source = await createMutationSource({
        problem: this.problem,
        store: this.store,
        runId: this.record.id,
        state: this.record.state,
        options: this.options,
      });
      this.overseer = createRunOverseer({
        problem: this.problem,
        store: this.store,
        ledger: this.ledger,
        runId: this.record.id,
        pool: this.pool,
        signal: this.abort.signal,
        emit: (event) => this.emit(event),
      });
      this.overseer.start({ resumed, seed: this.record.seed });
    } catch (error) {
      const reason =
        (error as StewardError).code === "charter-changed" ? "charter-changed" : "error";
      this.store.runs.update(this.record.id, { status: "stopped", stopReason: reason });
      throw error;
    }
    adoptSeedAsChampion(this.store, this.overseer, this.state.seedId);
    this.overseer.regate(this.state.bestProgramId);
    return resumed;
  }

  async run(): Promise<RunSummary> {
    const resumed = await this.startUp();
    if (this.options.queue) {
      // The Redis client and BullMQ load only for a queued run (about 20 MB).
      const { QueueDispatcher } = await import("../queue/dispatcher.ts");
      this.dispatcher = new QueueDispatcher(this.problem, this.options.queue, {
        maxInFlight: this.options.maxInFlight ?? null,
        onNotice: (message) => this.emit({ type: "queue", message }),
      });
    }
    this.emit({
      type: "started",
      runId: this.record.id,
      resumed,
      evaluated: this.state.evaluated,
      pending: this.state.pending.length,
      workers: this.workers,
    });
    this.options.signal?.addEventListener("abort", () => this.abort.abort(), { once: true });
    const saver = setInterval(() => {
      try {
        this.saveElapsed();
      } catch (error) {
        // A store that cannot be written (a full disk) ends the run with its message.
        this.fatal ??= error as Error;
      }
    }, SAVE_ELAPSED_MS);
    let reason: StopReason;
    try {
      reason = await this.loop();
    } finally {
      clearInterval(saver);
      this.pool.close();
      await this.dispatcher?.close();
    }
    const message = describeStop(reason, {
      evaluated: this.state.evaluated,
      elapsedMs: this.elapsedMs(),
      bestObjective: this.state.bestObjective,
      error: reason === "charter-changed" ? this.halted : this.fatal,
      spend: this.spendStop,
    });
    this.saveElapsed();
    recordRunEnd(this.store, this.ledger, {
      runId: this.record.id,
      reason,
      message,
      evaluated: this.state.evaluated,
      state: this.source.save(),
    });
    const stats = this.stats();
    const failed =
      reason === "error" && isStewardError(this.fatal) ? { code: this.fatal.code } : {};
    this.emit({ type: "stopped", reason, message, ...failed, stats });
    return {
      runId: this.record.id,
      reason,
      message,
      stats,
      population: this.state.population.snapshot(),
      openProposals: this.store.oversight.listProposals("open").length,
    };
  }

  /** Finds the run to resume (or makes one) and rebuilds its state. Returns whether it resumed. */
  private open(): boolean {
    const opened = openRun(this.problem, this.store, this.options, this);
    this.record = opened.record;
    this.state = opened.state;
    this.populationSettings = opened.population;
    this.rng = opened.rng;
    this.elapsedBefore = opened.elapsedBefore;
    this.maker = new CandidateMaker(this.problem, this.store, this.record.id);
    this.timeLimit = this.openTimeLimit();
    return opened.resumed;
  }

  /** The time limit, with the stored times of the champion a resumed run had. */
  private openTimeLimit(): EvalTimeLimit {
    const { autoEvalTimeout, limits } = this.problem.charter;
    const timeLimit = new EvalTimeLimit(autoEvalTimeout, limits.evalTimeoutMs);
    const champion = this.state.bestProgramId;
    if (autoEvalTimeout && champion !== null) {
      const stored = this.store.listEvaluations(champion);
      for (const evaluation of stored.slice(-RECENT_CHAMPION_EVALUATIONS))
        timeLimit.championEvaluated(evaluation);
    }
    return timeLimit;
  }

  private async loop(): Promise<StopReason> {
    if (this.state.seedId === null) await this.startSeed();
    for (const candidate of this.state.pending.splice(0))
      this.launch(candidate, this.codeOf(candidate.programId));
    for (;;) {
      const stop = this.stopReason();
      if (stop === "stop-now" || stop === "charter-changed") {
        this.abort.abort();
        await this.settle();
        return stop;
      }
      if (stop !== null) {
        // A person waiting for the stop does not wait for gates: the next session redoes them.
        if (stop === "stop") this.overseer.cancel();
        await this.settle();
        return this.fatal ? "error" : stop;
      }
      this.notePause();
      if (!this.paused && this.state.seedId !== null && this.state.population.size > 0) {
        const notes = await this.source.writeNotes(
          this.state.evaluated,
          this.rng,
          this.abort.signal,
        );
        if (notes === "budget") this.spendStop ??= "the LLM budget ran out writing meta-notes";
        while (this.inFlight.size < this.capacity() && this.roomInBudget()) {
          if (!(await this.startCandidate())) break;
        }
      }
      await this.waitForProgress();
    }
  }

  private stopReason(): StopReason | null {
    if (this.fatal) return "error";
    // A gate run that found a pinned file changed halts the run like the engine's own check.
    this.halted ??= this.overseer.halted;
    if (this.halted) return "charter-changed";
    if (this.abort.signal.aborted) return "stop-now";
    const request = readStopRequest(this.problem.dir);
    if (request === "now") return "stop-now";
    if (request === "graceful") return "stop";
    const budget = budgetStop(this.budget, this.budgetState(), this.problem.charter);
    if (budget === "max-time") return budget;
    if (this.spendStop !== null && this.inFlight.size === 0 && this.overseer.gating === 0)
      return "max-spend";
    // Evaluations and target: stop once nothing more is in flight.
    if (budget !== null && this.inFlight.size === 0 && this.overseer.gating === 0) return budget;
    return null;
  }

  private budgetState() {
    return {
      evaluated: this.state.evaluated,
      elapsedMs: this.elapsedMs(),
      bestObjective: this.state.bestObjective,
    };
  }

  /** True if another evaluation may start without overshooting the evaluation budget. */
  private roomInBudget(): boolean {
    if (this.spendStop !== null || this.halted || this.fatal || this.abort.signal.aborted)
      return false;
    if (budgetStop(this.budget, this.budgetState(), this.problem.charter) !== null) return false;
    const { maxEvals } = this.budget;
    return maxEvals === null || this.state.evaluated + this.inFlight.size < maxEvals;
  }

  private async startSeed(): Promise<void> {
    const code = this.problem.seedCode;
    const { program } = this.store.addProgram({ hash: programHash(code), code, origin: "seed" });
    const candidate = this.store.runs.addCandidate({
      runId: this.record.id,
      programId: program.id,
      island: 0,
      parentId: null,
      mutator: "seed",
      operator: "seed",
      generation: 0,
    });
    this.state.created(candidate);
    this.stored(candidate);
    this.launch(candidate, code);
    await this.inFlight.get(candidate.id)?.promise;
    if (this.state.population.size === 0 && !this.fatal && !this.abort.signal.aborted) {
      const seed = this.store.runs.candidates(this.record.id).find((c) => c.id === candidate.id);
      this.fatal = new StewardError(
        "seed-failed",
        `the seed program does not evaluate ok (${seed?.outcome ?? "no outcome"}): run "steward eval ${this.problem.dir}" to see why, and fix the seed or the evaluator`,
      );
    }
  }

  /** Makes one new candidate and starts its evaluation. False if no new program could be made. */
  private async startCandidate(): Promise<boolean> {
    const made = await this.maker.make(this.source, this.state, {
      rng: this.rng,
      inspirations: this.options.inspirations ?? DEFAULT_INSPIRATIONS,
      codeOf: (id) => this.codeOf(id),
      signal: this.abort.signal,
    });
    if (made.kind === "budget") this.spendStop = made.message;
    if (made.kind === "failed") this.fatal = made.error;
    if (made.kind !== "made") return false;
    this.stored(made.candidate);
    this.launch(made.candidate, made.code);
    return true;
  }

  /** A new candidate is in the store: its program and where it came from. */
  private stored(candidate: CandidateRecord): void {
    this.emit({
      type: "candidate",
      candidateId: candidate.id,
      programId: candidate.programId,
      parentId: candidate.parentId,
      mutator: candidate.mutator,
      operator: candidate.operator,
    });
  }

  private launch(candidate: CandidateRecord, code: string): void {
    if (!this.pinHolds()) return;
    const evaluator = this.dispatcher ?? this.pool;
    const promise = evaluator
      .evaluate(this.problem, {
        candidateId: candidate.id,
        code,
        signal: this.abort.signal,
        timeLimitMs: this.timeLimit.limitMs(),
      })
      .then((outcome) => this.acknowledge(candidate, code, outcome))
      .catch((error: unknown) => {
        // A stopped evaluation is not acknowledged: a resumed run evaluates it again.
        if ((error as StewardError)?.code !== "stopped") this.fatal ??= error as Error;
      })
      .finally(() => this.inFlight.delete(candidate.id));
    this.inFlight.set(candidate.id, { candidate, code, promise });
  }

  /** Checks the pinned files; on a change, halts (once) and returns false. */
  private pinHolds(): boolean {
    if (this.halted) return false;
    try {
      this.overseer.checkPin();
      return true;
    } catch (error) {
      // Evaluations in flight ran with the old files: kill them; they run again on resume.
      this.halted = error as StewardError;
      this.abort.abort();
      return false;
    }
  }

  private acknowledge(candidate: CandidateRecord, code: string, outcome: EvaluationOutcome): void {
    // An evaluation that may have read a changed file is not recorded: it runs again on resume.
    if (!this.pinHolds()) return;
    const { charter } = this.problem;
    const fitness = outcome.outcome === "ok" ? fitnessOf(outcome.metrics, charter) : null;
    const { dimensions } = this.populationSettings;
    const { features } = featuresFor(dimensions, {
      code,
      metrics: outcome.metrics,
      language: charter.language,
    });
    const reward = this.source.acknowledged({ ...candidate, code, outcome, fitness });
    this.store.runs.recordEvaluation(candidate.id, outcome, { fitness, features, reward });
    this.sessionEvaluated++;
    const bestBefore = this.state.bestObjective;
    const isNewBest = this.state.accept({
      ...candidate,
      outcome: outcome.outcome,
      metrics: outcome.metrics,
      fitness,
      features,
      evaluationId: -1,
    });
    this.timeLimit.evaluated(outcome);
    if (this.state.bestProgramId === candidate.programId) this.timeLimit.championEvaluated(outcome);
    if (candidate.mutator === "seed") this.overseer.seedEvaluated(candidate.programId, outcome);
    if (isNewBest && this.state.bestObjective !== null)
      this.overseer.bestImproved(bestBefore, this.state.bestObjective);
    this.overseer.observe({
      programId: candidate.programId,
      code,
      outcome,
      mutator: candidate.mutator,
      operator: candidate.operator,
      rationale: candidate.rationale,
    });
    this.emit({
      type: "evaluated",
      programId: candidate.programId,
      outcome: outcome.outcome,
      objective: outcome.metrics?.[charter.objective.metric] ?? null,
      isNewBest,
      operator: candidate.operator,
      stats: this.stats(),
    });
  }

  private async waitForProgress(): Promise<void> {
    const tick = new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await Promise.race([tick, ...[...this.inFlight.values()].map((f) => f.promise)]);
  }

  private async settle(): Promise<void> {
    await Promise.all([...this.inFlight.values()].map((f) => f.promise));
    await this.overseer.settle();
    this.fatal ??= this.overseer.failure;
  }

  private notePause(): void {
    const paused = isPaused(this.problem.dir);
    if (paused !== this.paused) this.emit(paused ? { type: "paused" } : { type: "resumed" });
    this.paused = paused;
  }

  private codeOf(programId: number): string {
    const program = this.store.getProgram(programId);
    if (!program)
      throw new StewardError("store-failed", `program ${programId} is missing from the store`);
    return program.code;
  }

  private elapsedMs(): number {
    return this.elapsedBefore + (performance.now() - this.sessionStart);
  }

  /** Time spent and the mutators' state (bandit, rates), so a crash loses little of either. */
  private saveElapsed(): void {
    this.store.runs.update(this.record.id, {
      elapsedMs: this.elapsedMs(),
      state: this.source.save(),
    });
  }

  private stats(): RunStats {
    return this.state.stats({
      runId: this.record.id,
      sessionEvaluated: this.sessionEvaluated,
      sessionSeconds: (performance.now() - this.sessionStart) / 1000,
      inFlight: this.inFlight.size,
      elapsedMs: this.elapsedMs(),
      duplicates: this.maker.duplicates,
      refused: this.maker.refused,
      budget: this.budget,
    });
  }

  private emit(event: RunEvent): void {
    this.options.onEvent?.(event);
  }
}
