/**
 * The run's mutators, from the charter's `mutators` list (or `steward run
 * --model`, which replaces it): the offline gp mutator, one LLM mutator per
 * model, sharing one spend budget and one call log, and the person's own
 * mutators named by `module:` (load-mutator-module.ts). Missing keys, unknown
 * prices and a module that is not a Mutator fail here, before anything runs.
 */

import { StewardError } from "../errors.ts";
import type { CallLog } from "../llm/call-log.ts";
import { SpendBudget } from "../llm/spend-budget.ts";
import { createGpMutator } from "../mutate/gp/gp-mutator.ts";
import type { LlmMutator } from "../mutate/llm/llm-mutator.ts";
import type { MetaNotesOptions } from "../mutate/llm/meta-notes.ts";
import type { Mutator } from "../mutate/mutator.ts";
import { type MutatorConfig, toMutators } from "../problem/charter-mutators.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";

export interface BuiltMutators {
  mutators: Mutator[];
  /** Bandit arms: one per mutator, with the charter's weight. */
  arms: Array<{ id: string; weight: number }>;
  budget: SpendBudget;
  /** How meta-notes are written, or null (no LLM mutator, or notes turned off). */
  notes: MetaNotesOptions | null;
}

export interface BuildOptions {
  problem: Problem;
  store: Store;
  runId: number;
  /** `--model` specs replacing the charter's list. */
  models?: readonly string[];
  /** Library callers may pass mutators directly (no LLM accounting then). */
  mutators?: Mutator[];
  env: NodeJS.ProcessEnv;
  metaNotes: () => string;
}

export async function buildMutators(options: BuildOptions): Promise<BuiltMutators> {
  const { problem, store, runId } = options;
  const { charter } = problem;
  const spent = store.llm.spendByModel(runId);
  const budget = new SpendBudget(
    { maxUsd: charter.budget.money, maxTokens: charter.budget.tokens },
    {
      usd: spent.reduce((sum, s) => sum + s.cost, 0),
      tokens: spent.reduce((sum, s) => sum + s.promptTokens + s.completionTokens, 0),
    },
  );
  if (options.mutators) {
    return {
      mutators: options.mutators,
      arms: options.mutators.map((m) => ({ id: m.name, weight: 1 })),
      budget,
      notes: null,
    };
  }
  const configs = options.models?.length
    ? options.models.map((model) => configFor(model, charter.mutators))
    : charter.mutators;
  const callLog: CallLog = {
    record: (call) =>
      store.llm.recordCall({
        runId,
        candidateId: null,
        model: call.model,
        purpose: call.purpose,
        promptTokens: call.promptTokens,
        completionTokens: call.completionTokens,
        latencyMs: call.latencyMs,
        cost: call.costUsd,
        outcome: call.outcome,
        error: call.error ?? null,
      }),
  };
  // The AI SDK loads only when a model is configured: gp-only runs start faster.
  const needsLlm = configs.some((c) => c.model !== "gp");
  const llmModules = needsLlm ? await loadLlmModules() : null;
  const templates = llmModules?.loadTemplates(problem.dir);
  const mutators: Mutator[] = [];
  const llm = new Map<string, LlmMutator>();
  const arms: BuiltMutators["arms"] = [];
  for (const config of configs) {
    if (arms.some((a) => a.id === config.model)) continue;
    if (config.model === "gp" || !llmModules || !templates) {
      mutators.push(createGpMutator());
    } else {
      const { createModelClient, createLlmMutator } = llmModules;
      const client = createModelClient({
        spec: config.model,
        prices: charter.prices,
        env: options.env,
      });
      const mutator = createLlmMutator({
        client,
        config,
        budget,
        callLog,
        templates,
        metaNotes: options.metaNotes,
      });
      mutators.push(mutator);
      llm.set(mutator.name, mutator);
    }
    arms.push({ id: config.model, weight: config.weight });
  }
  if (!options.models?.length && charter.mutatorModules.length > 0) {
    // tsx loads only when the charter names a module.
    const { loadMutatorModule } = await import("./load-mutator-module.ts");
    for (const [i, config] of charter.mutatorModules.entries()) {
      const mutator = await loadMutatorModule(problem.mutatorModulePaths[i] as string, config);
      if (arms.some((a) => a.id === mutator.name)) {
        throw new StewardError(
          "charter-invalid",
          `mutators: module ${config.module} makes a mutator named "${mutator.name}", and the list already has one: names must be unique (they are the bandit's arms and are stored with each candidate)`,
        );
      }
      mutators.push(mutator);
      arms.push({ id: mutator.name, weight: config.weight });
    }
  }
  const notesModel = charter.metaNotes.model;
  const notesConfig =
    charter.metaNotes.every === 0 || llm.size === 0
      ? null
      : notesModel
        ? configFor(notesModel, configs)
        : (configs.find((c) => c.model !== "gp") ?? null);
  const notes =
    notesConfig === null || !llmModules || !templates
      ? null
      : {
          client: llmModules.createModelClient({
            spec: notesConfig.model,
            prices: charter.prices,
            env: options.env,
          }),
          budget,
          log: callLog,
          config: notesConfig,
          templates,
        };
  return { mutators, arms, budget, notes };
}

/** The charter's settings for a model, or the schema's defaults for one given only by `--model`. */
function configFor(model: string, configs: readonly MutatorConfig[]): MutatorConfig {
  return configs.find((c) => c.model === model) ?? (toMutators([model])[0] as MutatorConfig);
}

async function loadLlmModules() {
  const [client, mutator, templates] = await Promise.all([
    import("../llm/ai-sdk-client.ts"),
    import("../mutate/llm/llm-mutator.ts"),
    import("../mutate/llm/templates.ts"),
  ]);
  return {
    createModelClient: client.createModelClient,
    createLlmMutator: mutator.createLlmMutator,
    loadTemplates: templates.loadTemplates,
  };
}
