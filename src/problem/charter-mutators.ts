/**
 * The charter's mutator sections: `mutators` (which mutators and models propose
 * candidates, and how often: gp, LLM models, and mutators of the person's own
 * as `module:` entries), `novelty`, `meta_notes`, `repair` and `prices`
 * (US dollars per million tokens, extending the built-in price table).
 */
import { z } from "zod";
import { boundedInt } from "./bounded-int.ts";
import { isRelativeInside } from "./relative-path.ts";

export const MODEL_SPEC_PATTERN = /^(gp|[a-z][a-z0-9-]*:[^@\s]+(@\S+)?)$/;
export const MODEL_SPEC_EXPECTED =
  '"gp" (the built-in offline mutator) or "PROVIDER:MODEL[@BASE_URL]", e.g. "openai:gpt-4.1-mini", "anthropic:claude-sonnet-4-5", "ollama:qwen2.5-coder@http://127.0.0.1:11434/v1"';

export const modelSpecSchema = z
  .string({ error: MODEL_SPEC_EXPECTED })
  .regex(MODEL_SPEC_PATTERN, { error: MODEL_SPEC_EXPECTED });

const mutatorObjectSchema = z.strictObject({
  model: modelSpecSchema.meta({ description: MODEL_SPEC_EXPECTED }),
  weight: z
    .number({ error: "a number > 0" })
    .positive({ error: "a number > 0" })
    .default(1)
    .meta({ description: "Prior weight of this mutator for the bandit (default 1)." }),
  temperature: z
    .number({ error: "a number from 0 to 2" })
    .min(0, { error: "a number from 0 to 2" })
    .max(2, { error: "a number from 0 to 2" })
    .nullable()
    .default(null)
    .meta({ description: "Sampling temperature; null leaves the provider's default." }),
  max_tokens: boundedInt(1, 1_000_000, 4096).meta({
    description: "Most completion tokens per call (also what a call reserves).",
  }),
  timeout_ms: boundedInt(1000, 3_600_000, 120_000).meta({
    description: "Wall-clock limit of one call, retries not included.",
  }),
});

const MODULE_EXPECTED =
  'a .ts, .mts, .js or .mjs file inside the problem folder, e.g. "./my-mutator.ts"';
const EXPORT_EXPECTED =
  'the name of one of the module\'s exports, e.g. "default" or "nudgeMutator"';

const mutatorModuleSchema = z.strictObject({
  module: z
    .string({ error: MODULE_EXPECTED })
    .refine((file) => isRelativeInside(file) && /\.(ts|mts|js|mjs)$/.test(file), {
      error: MODULE_EXPECTED,
    })
    .meta({
      description:
        "A mutator of your own: the module's export is a Mutator (see the library's Mutator interface) or a function returning one.",
    }),
  export: z
    .string({ error: EXPORT_EXPECTED })
    .regex(/^[A-Za-z_$][\w$]*$/, { error: EXPORT_EXPECTED })
    .default("default")
    .meta({ description: 'Which export to use (default "default").' }),
  options: z
    .unknown()
    .optional()
    .meta({ description: "Passed as the only argument when the export is a function." }),
  weight: z
    .number({ error: "a number > 0" })
    .positive({ error: "a number > 0" })
    .default(1)
    .meta({ description: "Prior weight of this mutator for the bandit (default 1)." }),
});

/** A list entry: "gp", a model spec string, a model with options, or a module of one's own. */
const mutatorEntrySchema = z.union([modelSpecSchema, mutatorObjectSchema, mutatorModuleSchema], {
  error: `${MODEL_SPEC_EXPECTED}, a mapping with such a model and its options, or a mapping with module: ./my-mutator.ts`,
});

export const mutatorsFileSchema = z
  .array(mutatorEntrySchema)
  .min(1, { error: "at least one mutator" })
  .default(["gp"])
  .meta({
    title: "Mutators",
    description:
      'Who proposes candidates: "gp", LLM models and/or mutators of your own (module: ./my-mutator.ts). A bandit chooses among them by improvement per unit cost. Default ["gp"].',
  });

export const noveltyFileSchema = z
  .strictObject({
    threshold: z
      .number({ error: "a number from 0 to 1" })
      .min(0, { error: "a number from 0 to 1" })
      .max(1, { error: "a number from 0 to 1" })
      .default(0.97)
      .meta({
        description:
          "A candidate whose token-shingle similarity to a program on its island is at least this is resampled (1 turns the check off). Default 0.97.",
      }),
    max_resamples: boundedInt(0, 20, 3).meta({
      description:
        "How many times a too-similar candidate is resampled; after that the next one is accepted anyway.",
    }),
  })
  .prefault({})
  .meta({ title: "Novelty", description: "Rejects candidates too similar to existing programs." });

export const metaNotesFileSchema = z
  .strictObject({
    every: z
      .int({ error: "an integer >= 0" })
      .min(0, { error: "an integer >= 0" })
      .default(50)
      .meta({
        description: "Summarise what worked every this many evaluations (0 turns notes off).",
      }),
    model: modelSpecSchema
      .nullable()
      .default(null)
      .meta({ description: "The model that writes the notes; default the first LLM mutator." }),
  })
  .prefault({})
  .meta({
    title: "Meta-notes",
    description: "Short LLM-written notes on what worked, added to later prompts.",
  });

export const repairFileSchema = z
  .strictObject({
    max_per_lineage: boundedInt(0, 10, 2).meta({
      description: "Repair attempts for a candidate that failed to compile or crashed.",
    }),
  })
  .prefault({})
  .meta({
    title: "Self-repair",
    description: "LLM mutators get to fix their own broken candidates.",
  });

const priceSchema = z.strictObject({
  input: z.number().min(0).meta({ description: "US dollars per million prompt tokens." }),
  output: z.number().min(0).meta({ description: "US dollars per million completion tokens." }),
});

const PRICE_KEY_EXPECTED = 'a non-empty "PROVIDER:MODEL" name';

export const pricesFileSchema = z
  .record(z.string().min(1, { error: PRICE_KEY_EXPECTED }), priceSchema)
  .default({})
  .meta({
    title: "Prices",
    description:
      'US dollars per million tokens by "PROVIDER:MODEL", added to (and overriding) the built-in table.',
  });

export interface MutatorConfig {
  /** "gp" or "PROVIDER:MODEL[@BASE_URL]". */
  model: string;
  weight: number;
  temperature: number | null;
  maxTokens: number;
  timeoutMs: number;
}

/** A charter's `module:` entry: a mutator written by the person, loaded into the engine. */
export interface MutatorModuleConfig {
  /** Relative to the problem folder, inside it. */
  module: string;
  /** The export to use: a Mutator, or a function of `options` returning one. */
  export: string;
  /** The function's argument (any JSON value); undefined when the charter gives none. */
  options: unknown;
  weight: number;
}

export interface NoveltyConfig {
  threshold: number;
  maxResamples: number;
}

export interface MetaNotesConfig {
  every: number;
  model: string | null;
}

export interface ModelPrice {
  /** US dollars per million prompt tokens. */
  input: number;
  /** US dollars per million completion tokens. */
  output: number;
}

export function toMutators(file: z.output<typeof mutatorsFileSchema>): MutatorConfig[] {
  return file.flatMap((entry) => {
    if (typeof entry === "object" && "module" in entry) return [];
    const object = typeof entry === "string" ? mutatorObjectSchema.parse({ model: entry }) : entry;
    return {
      model: object.model,
      weight: object.weight,
      temperature: object.temperature,
      maxTokens: object.max_tokens,
      timeoutMs: object.timeout_ms,
    };
  });
}

/** The `module:` entries of the charter's list, in order. */
export function toMutatorModules(file: z.output<typeof mutatorsFileSchema>): MutatorModuleConfig[] {
  return file.flatMap((entry) =>
    typeof entry === "object" && "module" in entry
      ? [
          {
            module: entry.module,
            export: entry.export,
            options: entry.options,
            weight: entry.weight,
          },
        ]
      : [],
  );
}
