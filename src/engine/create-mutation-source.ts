/** Builds a run's MutationSource: its mutators and their saved state. */
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import { buildMutators } from "./build-mutators.ts";
import { MutationSource } from "./mutation-source.ts";
import type { EngineOptions } from "./run-options.ts";

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
  return source;
}
