/**
 * One proposal: choose a parent on an island and inspirations from the
 * population, pick a mutator, and ask it for a new program.
 */
import type { MutationResult, Mutator } from "../mutate/mutator.ts";
import type { Population } from "../population/population.ts";
import type { Member } from "../population/types.ts";
import type { Charter } from "../problem/charter.ts";
import type { Rng } from "../util/rng.ts";

export interface ProposeContext {
  population: Population;
  mutators: readonly Mutator[];
  charter: Charter;
  rng: Rng;
  inspirations: number;
  codeOf(programId: number): string;
  signal: AbortSignal;
}

export interface Proposal {
  island: number;
  parent: Member;
  mutator: Mutator;
  result: MutationResult;
}

export async function propose(ctx: ProposeContext, island: number): Promise<Proposal> {
  const { population, rng, charter } = ctx;
  const parent = population.selectParent(island, rng);
  const inspirations = population.inspirations(island, parent.id, ctx.inspirations, rng);
  const mutator = rng.pick(ctx.mutators);
  const view = (id: number) => ({ id, code: ctx.codeOf(id), metrics: null });
  const result = await mutator.mutate({
    parent: view(parent.id),
    inspirations: inspirations.map((m) => view(m.id)),
    problem: {
      description: charter.description,
      objective: charter.objective,
      language: charter.language,
    },
    feedback: [],
    rng,
    signal: ctx.signal,
  });
  return { island, parent, mutator, result };
}
