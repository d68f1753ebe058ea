/**
 * One problem the dashboard serves: its folder, its store (opened once and kept
 * open; SQLite in WAL mode lets a running engine write while the dashboard
 * reads) and, per request, the charter as it is now, so a verdict is checked
 * against today's approvers as `steward approve` would. A run's candidates are
 * read once per change in its evaluation count: a page over a run of 100,000
 * evaluations reads them once, not on every click.
 */
import path from "node:path";
import { RunState } from "../engine/run-state.ts";
import { Ledger } from "../ledger/ledger.ts";
import type { PopulationSnapshot } from "../population/types.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { openProblemStore } from "../store/problem-store.ts";
import type { CandidateRecord, RunRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";

export interface ProblemSession {
  index: number;
  problem: Problem;
  store: Store;
  ledger: Ledger;
}

export interface RunView {
  run: RunRecord;
  candidates: readonly CandidateRecord[];
  /** Each program's candidate in this run (its first, if made twice). */
  byProgram: ReadonlyMap<number, CandidateRecord>;
  population(): PopulationSnapshot;
  /** A value derived from the candidates, computed once per `key` until the run evaluates more. */
  memo<T>(key: string, derive: () => T): T;
}

export class ServedProblem {
  readonly index: number;
  readonly dir: string;
  #store: Store | null = null;
  readonly #runs = new Map<number, { key: string; view: RunView }>();

  constructor(index: number, folder: string) {
    this.index = index;
    this.dir = path.resolve(folder);
  }

  /** The problem as it is now, with the open store and a ledger over it. */
  session(): ProblemSession {
    const problem = loadProblem(this.dir);
    this.#store ??= openProblemStore(problem.dir);
    return {
      index: this.index,
      problem,
      store: this.#store,
      ledger: new Ledger(this.#store, problem.dir),
    };
  }

  /** A run's candidates and what is derived from them, cached until it evaluates more. */
  runView(session: ProblemSession, runId: number): RunView | undefined {
    const run = session.store.runs.get(runId);
    if (!run) return undefined;
    const key = `${session.store.runs.countEvaluated(runId)}`;
    const cached = this.#runs.get(runId);
    if (cached && cached.key === key) return { ...cached.view, run };
    const candidates = session.store.runs.candidates(runId);
    const byProgram = new Map<number, CandidateRecord>();
    for (const c of candidates) if (!byProgram.has(c.programId)) byProgram.set(c.programId, c);
    let snapshot: PopulationSnapshot | null = null;
    const memos = new Map<string, unknown>();
    const charter = session.problem.charter;
    const view: RunView = {
      run,
      candidates,
      byProgram,
      population: () => {
        snapshot ??= RunState.rebuild(
          charter,
          (run.config.population ?? {}) as object,
          candidates,
        ).population.snapshot();
        return snapshot;
      },
      memo: <T>(key: string, derive: () => T): T => {
        if (!memos.has(key)) memos.set(key, derive());
        return memos.get(key) as T;
      },
    };
    this.#runs.set(runId, { key, view });
    return view;
  }

  close(): void {
    this.#store?.close();
    this.#store = null;
  }
}
