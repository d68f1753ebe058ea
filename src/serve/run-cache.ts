/**
 * One run's candidates as the dashboard keeps them between requests, brought
 * up to date by reading only what may have changed: candidates are appended in
 * id order and each is linked to its evaluation once, so everything before the
 * first one still waiting for its evaluation is final. A refresh re-reads from
 * there (during a live run, the few in flight and the new ones), and the
 * population replay follows the new acknowledgements in their order, as the
 * engine's own RunState did. Values derived from the candidates (summaries,
 * chart series) are kept until the next change.
 */
import { type RunReport, reportRun } from "../engine/run-report.ts";
import { RunState } from "../engine/run-state.ts";
import type { PopulationSnapshot } from "../population/types.ts";
import type { Charter } from "../problem/charter.ts";
import { type ProgressSeries, progressSeries } from "../report/progress-series.ts";
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
  #snapshot: PopulationSnapshot | null = null;
  readonly #memos = new Map<string, unknown>();

  constructor(runId: number) {
    this.runId = runId;
  }

  /** Reads what changed since the last call; returns the view over the run as it is now. */
  view(store: Store, run: RunRecord, charter: Charter): RunView {
    this.#refresh(store);
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
      report: () => memo("report", () => reportRun(run, this.#candidates, charter)),
      series: (champions) =>
        memo(`series ${champions.length}`, () =>
          progressSeries(this.#evaluated, champions, charter),
        ),
      sandbox: () => memo("sandbox", () => sandboxLevels(this.#evaluated)),
    };
  }

  #refresh(store: Store): void {
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
    this.#candidates = this.#candidates.slice(0, from).concat(rows);
    for (const c of acknowledged) this.#evaluated.push(c);
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

function sandboxLevels(evaluated: readonly CandidateRecord[]): ReturnType<RunView["sandbox"]> {
  const seen = new Set<string>();
  for (const c of evaluated) if (c.sandbox) seen.add(c.sandbox);
  const used = LEVELS_STRONGEST_FIRST.filter((level) => seen.has(level));
  return { used, weakest: used.at(-1) ?? null };
}

function populationConfig(run: RunRecord): object {
  return (run.config.population ?? {}) as object;
}
