/**
 * The in-memory state of a run, rebuilt from the store on every start: the
 * population (by replaying candidates in order), the candidates still owed an
 * evaluation, counts, and the best so far.
 */

import { objectiveOf } from "../evaluation/fitness.ts";
import type { OutcomeKind } from "../evaluation/outcome.ts";
import { Population } from "../population/population.ts";
import type { PopulationConfig } from "../population/types.ts";
import type { Charter } from "../problem/charter.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { Budget } from "./budget.ts";
import type { RunStats } from "./run-events.ts";

/** What the loop knows beyond the state: this session, and what is in flight. */
export interface SessionFacts {
  runId: number;
  sessionEvaluated: number;
  sessionSeconds: number;
  inFlight: number;
  elapsedMs: number;
  duplicates: number;
  refused: number;
  budget: Budget;
}

export class RunState {
  readonly population: Population;
  readonly pending: CandidateRecord[] = [];
  readonly outcomes: Partial<Record<OutcomeKind, number>> = {};
  evaluated = 0;
  candidates = 0;
  seedObjective: number | null = null;
  bestObjective: number | null = null;
  bestProgramId: number | null = null;
  /** The seed's program id (a member of every island). */
  seedId: number | null = null;

  readonly #charter: Charter;

  constructor(charter: Charter, config: Partial<PopulationConfig>) {
    this.#charter = charter;
    this.population = new Population(config);
  }

  /** Replays a run's stored candidates. */
  static rebuild(
    charter: Charter,
    config: Partial<PopulationConfig>,
    candidates: readonly CandidateRecord[],
  ) {
    const state = new RunState(charter, config);
    const children = new Map<number, number>();
    for (const candidate of candidates) {
      state.candidates++;
      if (candidate.parentId === null) state.seedId = candidate.programId;
      else children.set(candidate.parentId, (children.get(candidate.parentId) ?? 0) + 1);
      if (candidate.evaluationId === null) state.pending.push(candidate);
    }
    // Results are added in the order they were acknowledged (evaluation ids grow
    // with it), as the live run added them, so ties and migrations replay the
    // same; each parent's children are counted once it is in the population
    // (children are only ever made from members, after they were added).
    const acknowledged = candidates.filter((c) => c.evaluationId !== null);
    acknowledged.sort((a, b) => (a.evaluationId as number) - (b.evaluationId as number));
    for (const candidate of acknowledged) {
      state.accept(candidate);
      const count = children.get(candidate.programId) ?? 0;
      children.delete(candidate.programId);
      for (let i = 0; i < count; i++) state.population.recordChild(candidate.programId);
    }
    return state;
  }

  /** A candidate was made (its parent gets a child). */
  created(candidate: CandidateRecord): void {
    this.candidates++;
    if (candidate.parentId === null) this.seedId = candidate.programId;
    else this.population.recordChild(candidate.parentId);
  }

  /** A candidate's evaluation was acknowledged. Returns whether it is the new best. */
  accept(candidate: CandidateRecord): boolean {
    this.evaluated++;
    if (candidate.outcome)
      this.outcomes[candidate.outcome] = (this.outcomes[candidate.outcome] ?? 0) + 1;
    if (candidate.fitness === null) return false;
    const objective = objectiveOf(candidate.fitness, this.#charter);
    const member = {
      id: candidate.programId,
      fitness: candidate.fitness,
      features: candidate.features ?? {},
      parentId: candidate.parentId,
      generation: candidate.generation,
    };
    const isSeed = candidate.parentId === null;
    if (isSeed) {
      this.seedObjective = objective;
      for (let island = 0; island < this.population.islandSizes().length; island++) {
        this.population.add({ ...member, island });
      }
    } else {
      this.population.add({ ...member, island: candidate.island });
    }
    const best = this.population.best();
    const isNewBest =
      best?.id === candidate.programId && this.bestProgramId !== candidate.programId;
    if (best) {
      this.bestProgramId = best.id;
      this.bestObjective = objectiveOf(best.fitness, this.#charter);
    }
    return isNewBest && !isSeed;
  }

  stats(session: SessionFacts): RunStats {
    const { maxEvals, maxTimeMs } = session.budget;
    const { sessionSeconds, budget: _budget, ...rest } = session;
    return {
      ...rest,
      evaluated: this.evaluated,
      evalsPerSecond: sessionSeconds > 0 ? session.sessionEvaluated / sessionSeconds : 0,
      seedObjective: this.seedObjective,
      bestObjective: this.bestObjective,
      bestProgramId: this.bestProgramId,
      outcomes: { ...this.outcomes },
      evalsLeft: maxEvals === null ? null : Math.max(0, maxEvals - this.evaluated),
      timeLeftMs: maxTimeMs === null ? null : Math.max(0, maxTimeMs - session.elapsedMs),
    };
  }
}
