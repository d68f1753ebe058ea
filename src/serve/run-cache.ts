/**
 * One run's candidates as the dashboard keeps them between requests, brought
 * up to date by reading only what may have changed: candidates are appended in
 * id order and each is linked to its evaluation once, so everything before the
 * first one still waiting for its evaluation is final. A refresh re-reads from
 * there (during a live run, the few in flight and the new ones), and the
 * population replay follows the new acknowledgements in their order, as the
 * engine's own RunState did. The summary (counts, outcomes, seed, best) and
 * the chart's samples grow with each acknowledgement too, so a page after a
 * new evaluation costs a pass over two typed arrays, not over 100,000 records.
 * What is derived from them is kept until the next change.
 */
import type { RunReport } from "../engine/run-report.ts";
import { RunState } from "../engine/run-state.ts";
import { objectiveOf } from "../evaluation/fitness.ts";
import type { PopulationSnapshot } from "../population/types.ts";
import type { Charter } from "../problem/charter.ts";
import { ProgressSamples, type ProgressSeries, seriesOf } from "../report/progress-series.ts";
import { LEVELS_STRONGEST_FIRST, type SandboxLevel } from "../sandbox/level.ts";
import type { ChampionRecord } from "../store/oversight-store.ts";
import type { CandidateRecord, RunRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";

export interface RunView {
  run: RunRecord;
  candidates: readonly CandidateRecord[];
  /** Each program's candidate in this run (its first, if made twice). */
  byProgram: ReadonlyMap<number, CandidateRecord>;
  population(): PopulationSnapshot;
  /** Counts, outcomes, seed and best (as `steward status` reports them). */
  report(): RunReport;
  /** The progress chart's data with the champion history placed on it. */
  series(champions: readonly ChampionRecord[]): ProgressSeries;
  /** The sandbox levels the run's evaluations used, strongest first, and the weakest. */
  sandbox(): { used: SandboxLevel[]; weakest: SandboxLevel | null };
}

export class RunCache {
  readonly runId: number;
  #candidates: CandidateRecord[] = [];
  readonly #byProgram = new Map<number, CandidateRecord>();
  /** Index of the first candidate that had no evaluation at the last read. */
  #pendingFrom = 0;
  /** The acknowledged candidates in the order they were acknowledged (evaluation ids). */
  #evaluated: CandidateRecord[] = [];
  #state: RunState | null = null;
  readonly #samples = new ProgressSamples();
  /** reportRun's tallies, kept as acknowledgements arrive. */
  readonly #tally = {
    outcomes: {} as RunReport["outcomes"],
    seed: null as CandidateRecord | null,
    best: null as CandidateRecord | null,
    sandbox: new Set<string>(),
  };
  #snapshot: PopulationSnapshot | null = null;
  readonly #memos = new Map<string, unknown>();

  constructor(runId: number) {
    this.runId = runId;
  }

  /** Reads what changed since the last call; returns the view over the run as it is now. */
  view(store: Store, run: RunRecord, charter: Charter): RunView {
    this.#refresh(store, charter);
    const memo = <T>(key: string, derive: () => T): T => {
      if (!this.#memos.has(key)) this.#memos.set(key, derive());
      return this.#memos.get(key) as T;
    };
    return {
      run,
      candidates: this.#candidates,
      byProgram: this.#byProgram,
      population: () => {
        this.#state ??= RunState.rebuild(charter, populationConfig(run), this.#candidates);
        this.#snapshot ??= this.#state.population.snapshot();
        return this.#snapshot;
      },
      report: () => memo("report", () => this.#report(run, charter)),
      series: (champions) =>
        memo(`series ${champions.length}`, () =>
          seriesOf(this.#samples, this.#start(), champions, charter),
        ),
      sandbox: () => memo("sandbox", () => sandboxLevels(this.#tally.sandbox)),
    };
  }

  #acknowledge(c: CandidateRecord, charter: Charter): void {
    this.#evaluated.push(c);
    this.#samples.add(c.fitness === null ? null : objectiveOf(c.fitness, charter), c.createdAt);
    const t = this.#tally;
    if (c.outcome) t.outcomes[c.outcome] = (t.outcomes[c.outcome] ?? 0) + 1;
    if (c.sandbox) t.sandbox.add(c.sandbox);
    if (c.fitness === null) return;
    // As reportRun reads candidates in id order: the last seed, the first of the best.
    if (c.parentId === null && (!t.seed || c.id > t.seed.id)) t.seed = c;
    const best = t.best?.fitness ?? Number.NEGATIVE_INFINITY;
    if (!t.best || c.fitness > best || (c.fitness === best && c.id < t.best.id)) t.best = c;
  }

  /** What reportRun says of the candidates, from the tallies. */
  #report(run: RunRecord, charter: Charter): RunReport {
    const { seed, best, outcomes } = this.#tally;
    return {
      id: run.id,
      status: run.status,
      stopReason: run.stopReason,
      seed: run.seed,
      createdAt: run.createdAt,
      elapsedMs: run.elapsedMs,
      candidates: this.#candidates.length,
      evaluated: this.#evaluated.length,
      outcomes: { ...outcomes },
      seedObjective: !seed || seed.fitness === null ? null : objectiveOf(seed.fitness, charter),
      best:
        !best || best.fitness === null
          ? null
          : {
              programId: best.programId,
              objective: objectiveOf(best.fitness, charter),
              operator: best.operator,
              generation: best.generation,
            },
    };
  }

  /** The run's first candidate's time: where the chart's time axis starts. */
  #start(): number {
    return this.#candidates.length ? Date.parse(this.#candidates[0]?.createdAt ?? "") : 0;
  }

  #refresh(store: Store, charter: Charter): void {
    const from = this.#pendingFrom;
    const last = this.#candidates.at(-1);
    const fromId = this.#candidates[from]?.id ?? (last ? last.id + 1 : 0);
    const rows = store.runs.candidates(this.runId, fromId);
    const before = this.#candidates.slice(from);
    const unchanged =
      rows.length === before.length &&
      rows.every((row, i) => row.evaluationId === before[i]?.evaluationId);
    if (unchanged) return;
    const wasPending = new Set(before.filter((c) => c.evaluationId === null).map((c) => c.id));
    const isNew = (c: CandidateRecord) => !last || c.id > last.id;
    const created = rows.filter(isNew);
    const acknowledged = rows
      .filter((c) => c.evaluationId !== null && (wasPending.has(c.id) || isNew(c)))
      .sort((a, b) => (a.evaluationId as number) - (b.evaluationId as number));
    this.#candidates.length = from; // in place: the earlier ones are final
    for (const row of rows) this.#candidates.push(row);
    for (const c of acknowledged) this.#acknowledge(c, charter);
    for (const c of rows) {
      const known = this.#byProgram.get(c.programId);
      if (!known || known.id === c.id) this.#byProgram.set(c.programId, c);
    }
    if (this.#state) {
      for (const c of created) this.#state.created(c);
      for (const c of acknowledged) this.#state.accept(c);
    }
    let pending = from;
    while (pending < this.#candidates.length && this.#candidates[pending]?.evaluationId !== null)
      pending++;
    this.#pendingFrom = pending;
    this.#snapshot = null;
    this.#memos.clear();
  }
}

function sandboxLevels(seen: ReadonlySet<string>): ReturnType<RunView["sandbox"]> {
  const used = LEVELS_STRONGEST_FIRST.filter((level) => seen.has(level));
  return { used, weakest: used.at(-1) ?? null };
}

function populationConfig(run: RunRecord): object {
  return (run.config.population ?? {}) as object;
}
