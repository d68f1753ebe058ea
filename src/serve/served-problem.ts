/**
 * One problem the dashboard serves: its folder, its store (opened once and kept
 * open; SQLite in WAL mode lets a running engine write while the dashboard
 * reads) and, per request, the charter as it is now, so a verdict is checked
 * against today's approvers as `steward approve` would. Each run's candidates
 * are kept between requests and brought up to date by reading only what
 * changed (run-cache.ts); `warm()` reads them once at start, so the first page
 * a person opens does not pay for reading a run of 100,000 evaluations.
 */
import path from "node:path";
import { Ledger } from "../ledger/ledger.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { openProblemStore } from "../store/problem-store.ts";
import type { Store } from "../store/store.ts";
import { RunCache, type RunView } from "./run-cache.ts";

export type { RunView } from "./run-cache.ts";

export interface ProblemSession {
  index: number;
  problem: Problem;
  store: Store;
  ledger: Ledger;
}

export class ServedProblem {
  readonly index: number;
  readonly dir: string;
  #store: Store | null = null;
  readonly #runs = new Map<number, RunCache>();

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

  /** A run's candidates and what is derived from them, up to date with the store. */
  runView(session: ProblemSession, runId: number): RunView | undefined {
    const run = session.store.runs.get(runId);
    if (!run) return undefined;
    let cache = this.#runs.get(runId);
    if (!cache) {
      cache = new RunCache(runId);
      this.#runs.set(runId, cache);
    }
    return cache.view(session.store, run, session.problem.charter);
  }

  /** Reads every run (newest first) and derives what its pages show, so they find it cached. */
  warm(): void {
    const session = this.session();
    const champions = session.store.oversight.champions();
    for (const run of session.store.runs.list().reverse()) {
      const view = this.runView(session, run.id);
      view?.report();
      view?.series(champions);
      view?.sandbox();
      view?.population();
    }
  }

  close(): void {
    this.#store?.close();
    this.#store = null;
  }
}
