/**
 * Self-repair: a candidate that failed to compile or crashed, made by a
 * mutator that can repair (`Mutator.repair`), is queued so that mutator gets
 * one chance to fix it before the next ordinary mutation. Repairs of repairs
 * are bounded by the charter's `repair.max_per_lineage`, counted along the
 * chain of failed programs.
 */
import type { OutcomeKind } from "../evaluation/outcome.ts";

export interface RepairJob {
  /** The failed program, parent of the repaired one. */
  programId: number;
  island: number;
  generation: number;
  code: string;
  error: string;
  mutator: string;
  /** Repairs already made along this chain. */
  depth: number;
}

export class RepairQueue {
  readonly #maxPerLineage: number;
  readonly #jobs: RepairJob[] = [];
  /** Repairs made along the chain ending at each failed program. */
  readonly #depth = new Map<number, number>();

  constructor(maxPerLineage: number) {
    this.#maxPerLineage = maxPerLineage;
  }

  /**
   * After an evaluation: queues a repair when the candidate was invalid or
   * crashed, its mutator can repair, and its chain has room for one more.
   */
  consider(
    candidate: {
      programId: number;
      parentId: number | null;
      island: number;
      generation: number;
      code: string;
      mutator: string;
      outcome: OutcomeKind;
    },
    error: string,
    canRepair: boolean,
  ): void {
    if ((candidate.outcome !== "invalid" && candidate.outcome !== "crashed") || !canRepair) return;
    const depth = candidate.parentId === null ? 0 : (this.#depth.get(candidate.parentId) ?? 0);
    if (depth >= this.#maxPerLineage) return;
    this.#depth.set(candidate.programId, depth);
    const { programId, island, generation, code, mutator } = candidate;
    this.#jobs.push({ programId, island, generation, code, error, mutator, depth });
  }

  /** The oldest queued repair, removed from the queue. */
  take(): RepairJob | undefined {
    return this.#jobs.shift();
  }

  /** A repair of `job` produced a candidate: a failure of that candidate counts one deeper. */
  repaired(job: RepairJob): void {
    this.#depth.set(job.programId, job.depth + 1);
  }
}
