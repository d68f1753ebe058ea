/** Builds a run's MutationSource: its mutators, their saved state, and (on resume) the novelty index. */
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import { buildMutators } from "./build-mutators.ts";
import { MutationSource } from "./mutation-source.ts";
import type { EngineOptions } from "./run-options.ts";

/** Programs per island a resumed run's novelty index is refilled with. */
const NOVELTY_REFILL = 200;

export async function createMutationSource(args: {
  problem: Problem;
  store: Store;
  runId: number;
  state: unknown;
  options: EngineOptions;
}): Promise<MutationSource> {
  const { problem, store, runId, options } = args;
  let source: MutationSource | undefined;
  const built = await buildMutators({
    problem,
    store,
    runId,
    ...(options.models && { models: options.models }),
    ...(options.mutators && { mutators: options.mutators }),
    env: options.env ?? process.env,
    metaNotes: () => source?.notes ?? "",
  });
  source = new MutationSource(built, problem, store, runId);
  source.restore(args.state);
  const perIsland = new Map<number, number>();
  const candidates = store.runs.candidates(runId);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const candidate = candidates[i];
    if (!candidate) continue;
    const count = perIsland.get(candidate.island) ?? 0;
    if (count >= NOVELTY_REFILL) continue;
    const code = store.getProgram(candidate.programId)?.code;
    if (code === undefined) continue;
    perIsland.set(candidate.island, count + 1);
    source.remember(candidate.island, candidate.programId, code);
  }
  return source;
}
