/**
 * The evolution loop: keep N evaluations in flight, each a mutation of a parent
 * chosen from the population, stored before it runs and acknowledged (stored with
 * its result) when it ends; stop on the budget or on request; resume from the
 * store after a stop or a crash with nothing acknowledged lost or charged twice.
 * The run's pieces are built first (start-run.ts); RunLoop only drives them.
 */
import { isStewardError, StewardError } from "../errors.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { PopulationSnapshot } from "../population/types.ts";
import type { Problem } from "../problem/load-problem.ts";
import { openProblemStore } from "../store/problem-store.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import { acknowledgeEvaluation } from "./acknowledge.ts";
import { budgetStop } from "./budget.ts";
import type { RunEvent, RunStats, StopReason } from "./run-events.ts";
import { acquireRunLock, clearStopRequest, isPaused, readStopRequest } from "./run-files.ts";
import {
  DEFAULT_INSPIRATIONS,
  type EngineOptions,
  POLL_MS,
  SAVE_ELAPSED_MS,
} from "./run-options.ts";
import { recordRunEnd } from "./run-oversight.ts";
import { addSeedCandidate, seedFailed } from "./seed-candidate.ts";
import { type RunParts, startRun } from "./start-run.ts";
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
    return await new RunLoop(await startRun(problem, store, options)).run();
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
  /** The run's pieces, built by startRun; none of them is replaced while the loop runs. */
  readonly #run: RunParts;
  readonly #inFlight = new Map<number, InFlight>();
  #sessionEvaluated = 0;
  /** Set when the LLM money or token budget ran out: the run stops. */
  #spendStop: string | null = null;
  #fatal: Error | null = null;
  /** Set when a pinned file changed: the run halts. */
  #halted: StewardError | null = null;
  #paused = false;

  constructor(run: RunParts) {
    this.#run = run;
  }

  async run(): Promise<RunSummary> {
    const { record, state, options, store, abort } = this.#run;
    this.#emit({
      type: "started",
      runId: record.id,
      resumed: this.#run.resumed,
      evaluated: state.evaluated,
      pending: state.pending.length,
      workers: this.#run.workers,
    });
    options.signal?.addEventListener("abort", () => abort.abort(), { once: true });
    const saver = setInterval(() => {
      try {
        this.#saveElapsed();
      } catch (error) {
        // A store that cannot be written (a full disk) ends the run with its message.
        this.#fatal ??= error as Error;
      }
    }, SAVE_ELAPSED_MS);
    let reason: StopReason;
    try {
      reason = await this.#loop();
    } finally {
      clearInterval(saver);
      await this.#run.search.close();
    }
    const message = describeStop(reason, {
      evaluated: state.evaluated,
      elapsedMs: this.#elapsedMs(),
      bestObjective: state.bestObjective,
      error: reason === "charter-changed" ? this.#halted : this.#fatal,
      spend: this.#spendStop,
    });
    this.#saveElapsed();
    recordRunEnd(store, this.#run.ledger, {
      runId: record.id,
      reason,
      message,
      evaluated: state.evaluated,
      state: this.#savedState(),
    });
    const stats = this.#stats();
    const failed =
      reason === "error" && isStewardError(this.#fatal) ? { code: this.#fatal.code } : {};
    this.#emit({ type: "stopped", reason, message, ...failed, stats });
    return {
      runId: record.id,
      reason,
      message,
      stats,
      population: state.population.snapshot(),
      openProposals: store.oversight.listProposals("open").length,
    };
  }

  async #loop(): Promise<StopReason> {
    const { state, abort } = this.#run;
    if (state.seedId === null) await this.#startSeed();
    for (const candidate of state.pending.splice(0))
      this.#launch(candidate, this.#codeOf(candidate.programId));
    for (;;) {
      const stop = this.#stopReason();
      if (stop === "stop-now" || stop === "charter-changed") {
        abort.abort();
        await this.#settle();
        return stop;
      }
      if (stop !== null) {
        // A person waiting for the stop does not wait for gates: the next session redoes them.
        if (stop === "stop") this.#run.overseer.cancel();
        await this.#settle();
        return this.#fatal ? "error" : stop;
      }
      this.#notePause();
      if (!this.#paused && state.seedId !== null && state.population.size > 0) {
        const notes = await this.#run.source.writeNotes(
          state.evaluated,
          this.#run.rng,
          abort.signal,
        );
        if (notes === "budget") this.#spendStop ??= "the LLM budget ran out writing meta-notes";
        while (this.#inFlight.size < this.#run.search.capacity() && this.#roomInBudget()) {
          if (!(await this.#startCandidate())) break;
        }
      }
      await this.#waitForProgress();
    }
  }

  #stopReason(): StopReason | null {
    const { overseer, problem } = this.#run;
    if (this.#fatal) return "error";
    // A gate run that found a pinned file changed halts the run like the engine's own check.
    this.#halted ??= overseer.halted;
    if (this.#halted) return "charter-changed";
    if (this.#run.abort.signal.aborted) return "stop-now";
    const request = readStopRequest(problem.dir);
    if (request === "now") return "stop-now";
    if (request === "graceful") return "stop";
    const budget = budgetStop(this.#run.budget, this.#budgetState(), problem.charter);
    if (budget === "max-time") return budget;
    if (this.#spendStop !== null && this.#inFlight.size === 0 && overseer.gating === 0)
      return "max-spend";
    // Evaluations and target: stop once nothing more is in flight.
    if (budget !== null && this.#inFlight.size === 0 && overseer.gating === 0) return budget;
    return null;
  }

  #budgetState() {
    const { state } = this.#run;
    return {
      evaluated: state.evaluated,
      elapsedMs: this.#elapsedMs(),
      bestObjective: state.bestObjective,
    };
  }

  /** True if another evaluation may start without overshooting the evaluation budget. */
  #roomInBudget(): boolean {
    if (this.#spendStop !== null || this.#halted || this.#fatal || this.#run.abort.signal.aborted)
      return false;
    const { budget, problem, state } = this.#run;
    if (budgetStop(budget, this.#budgetState(), problem.charter) !== null) return false;
    return budget.maxEvals === null || state.evaluated + this.#inFlight.size < budget.maxEvals;
  }

  async #startSeed(): Promise<void> {
    const { problem, store, record, state } = this.#run;
    const candidate = addSeedCandidate(store, record.id, problem.seedCode);
    state.created(candidate);
    this.#stored(candidate);
    this.#launch(candidate, problem.seedCode);
    await this.#inFlight.get(candidate.id)?.promise;
    if (state.population.size === 0 && !this.#fatal && !this.#run.abort.signal.aborted) {
      const seed = store.runs.candidates(record.id).find((c) => c.id === candidate.id);
      this.#fatal = seedFailed(problem, seed?.outcome);
    }
  }

  /** Makes one new candidate and starts its evaluation. False if no new program could be made. */
  async #startCandidate(): Promise<boolean> {
    const { maker, source, state, rng, options, abort } = this.#run;
    const made = await maker.make(source, state, {
      rng,
      inspirations: options.inspirations ?? DEFAULT_INSPIRATIONS,
      codeOf: (id) => this.#codeOf(id),
      signal: abort.signal,
    });
    if (made.kind === "budget") this.#spendStop = made.message;
    if (made.kind === "failed") this.#fatal = made.error;
    if (made.kind !== "made") return false;
    this.#stored(made.candidate);
    this.#launch(made.candidate, made.code);
    return true;
  }

  /** A new candidate is in the store: its program and where it came from. */
  #stored(candidate: CandidateRecord): void {
    this.#emit({
      type: "candidate",
      candidateId: candidate.id,
      programId: candidate.programId,
      parentId: candidate.parentId,
      mutator: candidate.mutator,
      operator: candidate.operator,
    });
  }

  #launch(candidate: CandidateRecord, code: string): void {
    if (!this.#pinHolds()) return;
    const promise = this.#run.search
      .evaluate(this.#run.problem, {
        candidateId: candidate.id,
        code,
        signal: this.#run.abort.signal,
        timeLimitMs: this.#run.timeLimit.limitMs(),
      })
      .then((outcome) => this.#acknowledge(candidate, code, outcome))
      .catch((error: unknown) => {
        // A stopped evaluation is not acknowledged: a resumed run evaluates it again.
        if ((error as StewardError)?.code !== "stopped") this.#fatal ??= error as Error;
      })
      .finally(() => this.#inFlight.delete(candidate.id));
    this.#inFlight.set(candidate.id, { candidate, code, promise });
  }

  /** Checks the pinned files; on a change, halts (once) and returns false. */
  #pinHolds(): boolean {
    if (this.#halted) return false;
    try {
      this.#run.overseer.checkPin();
      return true;
    } catch (error) {
      // Evaluations in flight ran with the old files: kill them; they run again on resume.
      this.#halted = error as StewardError;
      this.#run.abort.abort();
      return false;
    }
  }

  #acknowledge(candidate: CandidateRecord, code: string, outcome: EvaluationOutcome): void {
    // An evaluation that may have read a changed file is not recorded: it runs again on resume.
    if (!this.#pinHolds()) return;
    const isNewBest = acknowledgeEvaluation(this.#run, candidate, code, outcome);
    this.#sessionEvaluated++;
    this.#emit({
      type: "evaluated",
      programId: candidate.programId,
      outcome: outcome.outcome,
      objective: outcome.metrics?.[this.#run.problem.charter.objective.metric] ?? null,
      isNewBest,
      operator: candidate.operator,
      stats: this.#stats(),
    });
  }

  async #waitForProgress(): Promise<void> {
    const tick = new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await Promise.race([tick, ...[...this.#inFlight.values()].map((f) => f.promise)]);
  }

  async #settle(): Promise<void> {
    await Promise.all([...this.#inFlight.values()].map((f) => f.promise));
    await this.#run.overseer.settle();
    this.#fatal ??= this.#run.overseer.failure;
  }

  #notePause(): void {
    const paused = isPaused(this.#run.problem.dir);
    if (paused !== this.#paused) this.#emit(paused ? { type: "paused" } : { type: "resumed" });
    this.#paused = paused;
  }

  #codeOf(programId: number): string {
    const program = this.#run.store.getProgram(programId);
    if (!program)
      throw new StewardError("store-failed", `program ${programId} is missing from the store`);
    return program.code;
  }

  #elapsedMs(): number {
    return this.#run.elapsedBefore + (performance.now() - this.#run.sessionStart);
  }

  /** The mutators' state (bandit, rates) and why mutations were refused, kept with the run. */
  #savedState(): Record<string, unknown> {
    return { ...this.#run.source.save(), refusals: this.#run.maker.refusals.save() };
  }

  /** Time spent and the run's saved state, so a crash loses little of either and status can say why. */
  #saveElapsed(): void {
    this.#run.store.runs.update(this.#run.record.id, {
      elapsedMs: this.#elapsedMs(),
      state: this.#savedState(),
    });
  }

  #stats(): RunStats {
    const { state, record, maker, sessionStart, budget } = this.#run;
    return state.stats({
      runId: record.id,
      sessionEvaluated: this.#sessionEvaluated,
      sessionSeconds: (performance.now() - sessionStart) / 1000,
      inFlight: this.#inFlight.size,
      elapsedMs: this.#elapsedMs(),
      duplicates: maker.duplicates,
      refused: maker.refused,
      budget,
    });
  }

  #emit(event: RunEvent): void {
    this.#run.options.onEvent?.(event);
  }
}
