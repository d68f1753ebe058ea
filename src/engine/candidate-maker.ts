/**
 * Making one new candidate: ask the mutation source until it yields a program
 * that is new (not a duplicate) and novel enough (a bounded number of
 * resamples), then store it and its candidate row before anything runs.
 */
import { StewardError } from "../errors.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import type { MutationSource, ProposeContext } from "./mutation-source.ts";
import { MAX_BARREN_MUTATIONS } from "./run-options.ts";
import type { RunState } from "./run-state.ts";

export type Made =
  | { kind: "made"; candidate: CandidateRecord; code: string }
  /** The LLM money or token budget ran out. */
  | { kind: "budget"; message: string }
  | { kind: "failed"; error: StewardError }
  /** The run is stopping: no candidate. */
  | { kind: "stopped" };

export class CandidateMaker {
  duplicates = 0;
  refused = 0;
  notNovel = 0;
  #nextIsland = 0;

  constructor(
    private readonly problem: Problem,
    private readonly store: Store,
    private readonly runId: number,
  ) {}

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
        this.refused++;
        continue;
      }
      const hash = programHash(next.code);
      if (this.store.getProgramByHash(hash)) {
        this.duplicates++;
        source.discarded(next);
        continue;
      }
      // Too close to a program on its island: resample, a bounded number of times.
      const { maxResamples } = this.problem.charter.novelty;
      if (notNovel < maxResamples && !source.isNovel(next.island, next.code)) {
        notNovel++;
        this.notNovel++;
        source.discarded(next);
        continue;
      }
      const { program } = this.store.addProgram({
        hash,
        code: next.code,
        parentIds: [next.parentId],
        origin: next.mutator,
      });
      const candidate = this.store.runs.addCandidate({
        runId: this.runId,
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
      source.created(
        candidate.id,
        program.id,
        next,
        population.get(next.parentId)?.fitness ?? null,
      );
      return { kind: "made", candidate, code: next.code };
    }
    return {
      kind: "failed",
      error: new StewardError(
        "no-new-program",
        `the mutators produced no new program in ${MAX_BARREN_MUTATIONS} attempts (${this.duplicates} duplicates, ${this.refused} refusals, ${this.notNovel} too similar)`,
      ),
    };
  }
}
