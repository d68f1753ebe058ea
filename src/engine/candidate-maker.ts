/**
 * Making one new candidate: ask the mutation source until it yields a program
 * that is new (not a duplicate) and novel enough (a bounded number of
 * resamples), then store it and its candidate row before anything runs. It
 * keeps the novelty index (rebuilt from the run's stored candidates on resume)
 * and counts why mutations produced nothing, so a run that stalls can say why.
 */
import { StewardError } from "../errors.ts";
import { NoveltyIndex } from "../population/novelty.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import type { MutationSource, ProposeContext } from "./mutation-source.ts";
import { RefusalTally } from "./refusal-tally.ts";
import { MAX_BARREN_MUTATIONS } from "./run-options.ts";
import type { RunState } from "./run-state.ts";

/** Programs per island the novelty index holds; a query compares against each (~6 ms at 300). */
const NOVELTY_CAPACITY = 300;
/** Programs per island a resumed run's novelty index is refilled with. */
const NOVELTY_REFILL = 200;

export type Made =
  | { kind: "made"; candidate: CandidateRecord; code: string }
  /** The LLM money or token budget ran out. */
  | { kind: "budget"; message: string }
  | { kind: "failed"; error: StewardError }
  /** The run is stopping: no candidate. */
  | { kind: "stopped" };

export class CandidateMaker {
  duplicates = 0;
  notNovel = 0;
  /** Why mutations produced nothing, by reason. */
  readonly refusals = new RefusalTally();
  readonly #problem: Problem;
  readonly #store: Store;
  readonly #runId: number;
  readonly #novelty = new NoveltyIndex({ capacity: NOVELTY_CAPACITY });
  #nextIsland = 0;

  constructor(problem: Problem, store: Store, runId: number) {
    this.#problem = problem;
    this.#store = store;
    this.#runId = runId;
    this.#refillNovelty();
  }

  /** Mutations in this session that produced nothing new (refused, unchanged, failed). */
  get refused(): number {
    return this.refusals.sessionTotal;
  }

  async make(
    source: MutationSource,
    state: RunState,
    context: Omit<ProposeContext, "island" | "population">,
  ): Promise<Made> {
    const population = state.population;
    let notNovel = 0;
    for (let attempt = 0; attempt < MAX_BARREN_MUTATIONS; attempt++) {
      if (context.signal.aborted) return { kind: "stopped" };
      const island = this.#nextIsland++ % population.islandSizes().length;
      const next = await source.next({ ...context, population, island });
      if (next.kind === "budget") return next;
      if (next.kind === "unsupported") {
        const message = `the ${next.mutator} mutator cannot work on this problem: ${next.message}`;
        return { kind: "failed", error: new StewardError("usage", message) };
      }
      if (next.kind === "refused") {
        this.refusals.add(next.mutator, next.message);
        continue;
      }
      const hash = programHash(next.code);
      if (this.#store.getProgramByHash(hash)) {
        this.duplicates++;
        source.discarded(next);
        continue;
      }
      // Too close to a program on its island: resample, a bounded number of times.
      const { threshold, maxResamples } = this.#problem.charter.novelty;
      if (notNovel < maxResamples && !this.#novelty.isNovel(next.island, next.code, threshold)) {
        notNovel++;
        this.notNovel++;
        source.discarded(next);
        continue;
      }
      const { program } = this.#store.addProgram({
        hash,
        code: next.code,
        parentIds: [next.parentId],
        origin: next.mutator,
      });
      const candidate = this.#store.runs.addCandidate({
        runId: this.#runId,
        programId: program.id,
        island: next.island,
        parentId: next.parentId,
        mutator: next.mutator,
        operator: next.operator,
        generation: next.generation,
        rationale: next.rationale,
        arm: next.mutator,
      });
      state.created(candidate);
      this.#novelty.add(next.island, program.id, next.code);
      source.created(candidate.id, next, population.get(next.parentId)?.fitness ?? null);
      return { kind: "made", candidate, code: next.code };
    }
    const reasons = this.refusals.top(3);
    return {
      kind: "failed",
      error: new StewardError(
        "no-new-program",
        `the mutators produced no new program in ${MAX_BARREN_MUTATIONS} attempts (${this.duplicates} duplicates, ${this.refused} refusals, ${this.notNovel} too similar)${reasons ? `; most common refusals: ${reasons}` : ""}`,
      ),
    };
  }

  /** A resumed run's novelty index: the island's most recent programs, oldest first. */
  #refillNovelty(): void {
    const perIsland = new Map<number, number>();
    const candidates = this.#store.runs.candidates(this.#runId);
    const recent: Array<{ island: number; programId: number }> = [];
    for (let i = candidates.length - 1; i >= 0; i--) {
      const candidate = candidates[i];
      if (!candidate) continue;
      const count = perIsland.get(candidate.island) ?? 0;
      if (count >= NOVELTY_REFILL) continue;
      perIsland.set(candidate.island, count + 1);
      recent.push(candidate);
    }
    for (const { island, programId } of recent.reverse()) {
      const code = this.#store.getProgram(programId)?.code;
      if (code !== undefined) this.#novelty.add(island, programId, code);
    }
  }
}
