/**
 * Oversight inside a run: the engine calls it at the start, before every
 * evaluation and after every acknowledged one. It
 * - pins the charter files and halts the run when one changes (checked at the
 *   start, before every evaluation, at every acknowledgement, and before and
 *   after every gate run);
 * - keeps the champion (the seed until a person deploys something else);
 * - sends a candidate that beats the champion by the charter's margin (and
 *   everything gated before it in this session) through the gates, one at a
 *   time, and records the result as a proposal, `open` if every gate passed and
 *   `blocked` otherwise (record-proposal.ts: the reviewed content, its gate
 *   results in the ledger, and what a new open proposal supersedes);
 * - with `gates.min_interval`, holds the next candidate back (keeping the best
 *   one) while a proposal is open and the interval since it has not passed,
 *   and gates it once it has (checked at every acknowledgement).
 * It never approves or deploys: only people do (`steward approve`, `deploy`).
 */
import { StewardError } from "../errors.ts";
import { fitnessOf } from "../evaluation/fitness.ts";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { ProposalRecord } from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import { championStack } from "./champion.ts";
import { describePinChanges, diffPins, type PinnedFiles, PinWatcher } from "./charter-pin.ts";
import type { GateContext } from "./gates/gate.ts";
import { runGates } from "./gates/run-gates.ts";
import { recordProposal } from "./record-proposal.ts";
import { bindChampion, boundPin } from "./store-binding.ts";
import { supersededProposals } from "./supersede.ts";
import { bindLegacyRows } from "./verify-store.ts";

export interface OverseerOptions {
  problem: Problem;
  store: Store;
  ledger: Ledger;
  runId: number;
  /** The seed search evaluations use; stability re-runs derive theirs from it. */
  evaluationSeed: number;
  /** Runs one gate evaluation; `signal` ends it early. */
  evaluate(
    code: string,
    options: Parameters<GateContext["evaluate"]>[1],
    signal: AbortSignal,
  ): Promise<EvaluationOutcome>;
  signal: AbortSignal;
  onProposal?: (proposal: ProposalRecord) => void;
}

/** A candidate on its way to the gates. */
interface Gating {
  candidate: Observed;
  objective: number;
  largest: number | null;
}

/** An acknowledged candidate, as the engine hands it over. */
export interface Observed {
  programId: number;
  code: string;
  outcome: EvaluationOutcome;
  mutator: string;
  operator: string;
  rationale: string | null;
}

export class Overseer {
  readonly #o: OverseerOptions;
  readonly #watcher: PinWatcher;
  #pinned: PinnedFiles = {};
  /** Gate runs happen one at a time; this is the one in progress (resolved when idle). */
  #chain: Promise<void> = Promise.resolve();
  #running = false;
  /**
   * The next candidate to gate. Improvements that arrive while a gate run is in
   * progress replace each other here: only the best of a burst is gated, so the
   * gates cost a few evaluations per improvement step, not per improvement.
   */
  #pending: Gating | null = null;
  /** The best candidate `gates.min_interval` holds back while a proposal is open. */
  #held: Gating | null = null;
  /** Acknowledgements seen this session, and when the newest proposal was made (in both). */
  #observed = 0;
  #lastProposal: { id: number; at: number; observed: number } | null = null;
  /** Best objective sent to the gates this session: only improvements on it go next. */
  #bestGated: number | null = null;
  /** Largest step between successive best objectives seen, for the implausible-gain gate. */
  #largestStep: number | null = null;
  #failure: Error | null = null;
  /** Set once a pinned file changed: every later check throws it again, ledgered once. */
  #halted: StewardError | null = null;
  readonly #championCache = new Map<string, EvaluationOutcome>();
  /** Aborted by a graceful stop (gate runs end; the next session redoes them) or with the run. */
  readonly #cancel = new AbortController();

  constructor(options: OverseerOptions) {
    this.#o = options;
    this.#watcher = new PinWatcher(options.problem);
    options.signal.addEventListener("abort", () => this.cancel(), { once: true });
  }

  /** Ends gate runs in progress without a result: a graceful stop does not wait for them. */
  cancel(): void {
    this.#pending = null;
    this.#cancel.abort();
  }

  /**
   * Gates a stored program again when it beats the champion but has no proposal:
   * a session that stopped while its gates ran left it so.
   */
  regate(programId: number | null): void {
    if (programId === null) return;
    const program = this.#o.store.getProgram(programId);
    const search = this.#o.store
      .listEvaluations(programId)
      .findLast((e) => e.outcome === "ok" && e.mode === "search");
    const candidate = this.#o.store.runs
      .candidates(this.#o.runId)
      .find((c) => c.programId === programId);
    if (!program || !search || !candidate) return;
    this.observe({
      programId,
      code: program.code,
      outcome: search,
      mutator: candidate.mutator,
      operator: candidate.operator,
      rationale: candidate.rationale,
    });
  }

  /** Pins the charter files (first run) or checks them against the pin; ledgers the start. */
  start(details: { resumed: boolean; seed: number }): void {
    const { store, ledger, problem } = this.#o;
    const current = this.#watcher.current();
    bindLegacyRows(store, ledger);
    const pin = store.oversight.latestPin();
    if (pin === undefined) {
      store.transaction(() => {
        const record = store.oversight.addPin({
          files: current,
          approvers: problem.charter.approvals.approvers,
          acceptedBy: null,
        });
        ledger.append("charter-pin", { files: current, rows: [boundPin(record)] });
      });
    } else {
      this.#halt(diffPins(pin.files, current));
    }
    this.#pinned = current;
    const champion = this.champion();
    ledger.append("run-start", {
      runId: this.#o.runId,
      resumed: details.resumed,
      seed: details.seed,
      seedProgram: programHash(problem.seedCode),
      champion: champion ? { id: champion.programId, objective: champion.objective } : null,
    });
  }

  /**
   * Before every evaluation and at every acknowledgement: throws
   * StewardError("charter-changed") naming what changed.
   */
  checkPin(): void {
    if (this.#halted) throw this.#halted;
    this.#halt(diffPins(this.#pinned, this.#watcher.current()));
  }

  /** The charter change that halted the run (found by the engine or a gate run), if any. */
  get halted(): StewardError | null {
    return this.#halted;
  }

  champion() {
    return championStack(this.#o.store.oversight.champions()).current;
  }

  /** The seed's evaluation: the seed becomes the champion when there is none yet. */
  seedEvaluated(programId: number, outcome: EvaluationOutcome): void {
    if (this.champion() !== null || outcome.outcome !== "ok") return;
    const { store, ledger } = this.#o;
    store.transaction(() => {
      const record = store.oversight.addChampion({
        programId,
        proposalId: null,
        reason: "seed",
        objective: this.#objective(outcome),
      });
      ledger.append("champion", {
        programId,
        reason: "seed",
        rows: [bindChampion(store, record)],
      });
    });
  }

  /** A new best was found (for the implausible-gain gate's sense of scale). */
  bestImproved(before: number | null, after: number): void {
    if (before === null) return;
    const step = Math.abs(after - before);
    if (this.#largestStep === null || step > this.#largestStep) this.#largestStep = step;
  }

  /** After an acknowledged evaluation: gate it if it beats the champion by the margin. */
  observe(candidate: Observed): void {
    this.#observed++;
    if (this.#held && !this.#holding()) {
      this.#pending = this.#held;
      this.#held = null;
      if (!this.#running) this.#chain = this.#drain();
    }
    const objective = this.#objective(candidate.outcome);
    const champion = this.champion();
    if (objective === null || champion === null || champion.objective === null) return;
    if (champion.programId === candidate.programId) return;
    const { charter } = this.#o.problem;
    const sign = charter.objective.direction === "minimize" ? -1 : 1;
    if (sign * (objective - champion.objective) <= charter.gates.margin) return;
    if (this.#bestGated !== null && sign * (objective - this.#bestGated) <= 0) return;
    if (this.#o.store.oversight.findProposal(candidate.programId, champion.programId)) return;
    this.#bestGated = objective;
    const next = { candidate, objective, largest: this.#largestStep };
    if (this.#holding()) {
      this.#held = next; // better than any held before (bestGated only improves)
      return;
    }
    this.#pending = next;
    if (!this.#running) this.#chain = this.#drain();
  }

  /**
   * Whether `gates.min_interval` holds new proposals back now: a proposal is
   * open (undecided, not superseded) and not every bound has passed since the
   * newest of them (one from an earlier session counts evaluations from this
   * session's start).
   */
  #holding(): boolean {
    const interval = this.#o.problem.charter.gates.minInterval;
    if (!interval) return false;
    const { store, problem } = this.#o;
    const superseded = supersededProposals(store, problem.charter.objective.direction);
    const newest = store.oversight
      .listProposals("open")
      .filter((p) => !superseded.has(p.id))
      .at(-1);
    if (!newest) return false;
    const since =
      this.#lastProposal?.id === newest.id
        ? this.#lastProposal
        : { at: Date.parse(newest.createdAt), observed: 0 };
    const enoughEvaluations =
      interval.evaluations === null || this.#observed - since.observed >= interval.evaluations;
    const enoughTime = interval.timeMs === null || Date.now() - since.at >= interval.timeMs;
    return !(enoughEvaluations && enoughTime);
  }

  /** The candidate `gates.min_interval` holds back, if any (its program id). */
  get held(): number | null {
    return this.#held?.candidate.programId ?? null;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#pending && !this.#cancel.signal.aborted) {
        const { candidate, objective, largest } = this.#pending;
        this.#pending = null;
        try {
          await this.#gate(candidate, objective, largest);
        } catch (error) {
          const code = (error as StewardError)?.code;
          // A charter change is not a failure: it is in #halted, and the engine halts.
          if (code !== "stopped" && code !== "charter-changed") this.#failure ??= error as Error;
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /** Gate runs in progress or queued. */
  get gating(): number {
    return (this.#running ? 1 : 0) + (this.#pending ? 1 : 0);
  }

  /** An error a gate run could not turn into a result (the store failed...). */
  get failure(): Error | null {
    return this.#failure;
  }

  /** Waits for the gate runs in progress. */
  settle(): Promise<void> {
    return this.#chain;
  }

  async #gate(candidate: Observed, objective: number, largest: number | null): Promise<void> {
    const { store, problem, ledger } = this.#o;
    if (this.#cancel.signal.aborted) return;
    const champion = this.champion();
    if (champion === null || champion.objective === null) return;
    const championProgram = store.getProgram(champion.programId);
    const program = store.getProgram(candidate.programId);
    if (!championProgram || !program) return;
    // Gate evidence must come from the pinned files: checked before and after the gates.
    this.checkPin();
    const championSearch =
      store
        .listEvaluations(champion.programId)
        .filter((e) => e.outcome === "ok" && e.mode === "search")
        .at(-1) ?? null;
    const report = await runGates({
      charter: problem.charter,
      candidate: { code: candidate.code, search: candidate.outcome },
      champion: { code: championProgram.code, search: championSearch },
      largestImprovementSoFar: largest,
      seed: this.#o.evaluationSeed,
      evaluate: (code, options) =>
        code === championProgram.code
          ? this.#championEvaluation(championProgram.id, code, options)
          : this.#o.evaluate(code, options, this.#cancel.signal),
      signal: this.#cancel.signal,
    });
    if (this.#cancel.signal.aborted) return;
    this.checkPin();
    const proposal = recordProposal(
      { store, ledger, problem, runId: this.#o.runId },
      {
        candidate,
        objective,
        program,
        champion: {
          program: championProgram,
          objective: champion.objective,
          search: championSearch,
        },
        report,
      },
    );
    this.#lastProposal = { id: proposal.id, at: Date.now(), observed: this.#observed };
    this.#o.onProposal?.(proposal);
  }

  /**
   * The champion's gate evaluations (verify mode, holdout) are the same for every
   * candidate until the champion changes: made once, kept (only the ok ones).
   */
  async #championEvaluation(
    programId: number,
    code: string,
    options: Parameters<GateContext["evaluate"]>[1],
  ): Promise<EvaluationOutcome> {
    const key = `${programId}:${options.mode}:${options.split}:${options.seed}`;
    const cached = this.#championCache.get(key);
    if (cached) return cached;
    const outcome = await this.#o.evaluate(code, options, this.#cancel.signal);
    if (outcome.outcome === "ok") this.#championCache.set(key, outcome);
    return outcome;
  }

  #objective(outcome: EvaluationOutcome): number | null {
    const { charter } = this.#o.problem;
    const fitness = outcome.outcome === "ok" ? fitnessOf(outcome.metrics, charter) : null;
    return fitness === null ? null : (outcome.metrics?.[charter.objective.metric] ?? null);
  }

  #halt(changes: ReturnType<typeof diffPins>): void {
    if (changes.length === 0) return;
    const dir = this.#o.problem.dir;
    this.#o.ledger.append("charter-change", {
      runId: this.#o.runId,
      changes: changes.map((c) => ({ ...c })),
    });
    this.#halted = new StewardError(
      "charter-changed",
      `pinned file(s) changed since the run's charter was accepted: ${describePinChanges(changes)}. Nothing more is evaluated until a person accepts the change: "steward charter accept ${dir} --as NAME" (or restore the file)`,
    );
    throw this.#halted;
  }
}
