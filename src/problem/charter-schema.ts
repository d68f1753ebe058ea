/**
 * The schema of `steward.yaml` / `steward.json`: the file's snake_case shape,
 * validated strictly (unknown keys are errors), with defaults, turned into a
 * camelCase {@link Charter}. The same schema produces the published JSON Schema
 * (`json-schema.ts`), so the two cannot disagree.
 */
import { z } from "zod";
import type { Charter, CharterLanguage } from "./charter.ts";
import { keysByPath } from "./charter-keys.ts";
import { limitsFileSchema, toAutoEvalTimeout, toSandboxLimits } from "./charter-limits.ts";
import {
  metaNotesFileSchema,
  mutatorsFileSchema,
  noveltyFileSchema,
  pricesFileSchema,
  repairFileSchema,
  toMutatorModules,
  toMutators,
} from "./charter-mutators.ts";
import { needsFileSchema, toNeeds } from "./charter-needs.ts";
import {
  approvalsFileSchema,
  budgetFileSchema,
  deployFileSchema,
  gatesFileSchema,
  ledgerFileSchema,
  policyScanFileSchema,
  toBudget,
  toGates,
} from "./charter-oversight.ts";
import {
  CONSTRAINT_EXPECTED,
  CONSTRAINT_PATTERN,
  METRIC_NAME_PATTERN,
  parseConstraint,
} from "./constraint.ts";
import { isRelativeInside, RELATIVE_PATH_EXPECTED } from "./relative-path.ts";

export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_EXPECTED = "lowercase letters, digits and dashes, starting with a letter or digit";
const METRIC_EXPECTED = "a metric name (letters, digits, _ . -, not starting with a digit)";
const LANGUAGES = ["typescript", "javascript", "python", "command"] as const;

/** Languages the program's extension implies; other extensions need `language: command`. */
const LANGUAGE_BY_EXTENSION: Record<string, CharterLanguage> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".js": "javascript",
  ".mjs": "javascript",
  ".py": "python",
};
const PYTHON_RUN = ["python3", "{program}"];

const relativePath = () =>
  z
    .string({ error: RELATIVE_PATH_EXPECTED })
    .refine(isRelativeInside, { error: RELATIVE_PATH_EXPECTED });

const metricName = () =>
  z
    .string({ error: METRIC_EXPECTED })
    .max(100, { error: METRIC_EXPECTED })
    .regex(METRIC_NAME_PATTERN, { error: METRIC_EXPECTED });

const objectiveSchema = z
  .strictObject({
    metric: metricName().meta({ description: "The metric, as the evaluator names it." }),
    direction: z
      .enum(["minimize", "maximize"])
      .meta({ description: "Whether lower or higher values of the metric are better." }),
  })
  .meta({ title: "Objective", description: "The metric that decides which program is better." });

const constraintSchema = z
  .string({ error: CONSTRAINT_EXPECTED })
  .regex(CONSTRAINT_PATTERN, { error: CONSTRAINT_EXPECTED })
  .transform((text, ctx) => {
    const constraint = parseConstraint(text);
    if (constraint) return constraint;
    ctx.issues.push({ code: "custom", message: CONSTRAINT_EXPECTED, input: text });
    return z.NEVER;
  });

/** The charter file's own shape (snake_case keys). */
export const charterFileSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta({ description: "The JSON Schema this file follows, for editors; Steward ignores it." }),
    name: z
      .string({ error: NAME_EXPECTED })
      .max(64, { error: `${NAME_EXPECTED}, at most 64 characters` })
      .regex(NAME_PATTERN, { error: NAME_EXPECTED })
      .meta({ title: "Name", description: `The problem's name: ${NAME_EXPECTED}.` }),
    description: z.string().default("").meta({
      title: "Description",
      description:
        "The problem as mutators (and LLMs) see it: what to improve and how it is scored.",
    }),
    program: relativePath().meta({
      title: "Program",
      description:
        "The seed program, relative to this folder. Only the lines between EVOLVE-BLOCK-START and EVOLVE-BLOCK-END markers may change.",
    }),
    language: z.enum(LANGUAGES).optional().meta({
      title: "Language",
      description:
        'How candidates run. Default: from the program\'s extension (.ts/.mts typescript, .js/.mjs javascript, .py python); anything else needs "command" and `run`.',
    }),
    run: z
      .array(z.string({ error: "a string" }).min(1, { error: "a non-empty string" }))
      .min(1, { error: 'a non-empty list of strings containing "{program}"' })
      .nullable()
      .optional()
      .meta({
        title: "Run command",
        description:
          'The command that runs a non-JS candidate, "{program}" standing for its path. Default ["python3", "{program}"] for python; required for command; not allowed for typescript/javascript.',
      }),
    needs: needsFileSchema,
    evaluator: relativePath().default("evaluate.ts").meta({
      title: "Evaluator",
      description: "The trusted evaluator (default evaluate.ts), relative to this folder.",
    }),
    driver: relativePath().nullable().default(null).meta({
      title: "Driver",
      description: "Optional trusted code that runs next to the candidate for hot loops.",
    }),
    objective: objectiveSchema,
    constraints: z.array(constraintSchema).default([]).meta({
      title: "Constraints",
      description:
        'Bounds a better program must also meet, written "<metric> <op> <number>", e.g. "time_ms <= 2000".',
    }),
    sandbox: z.enum(["any", "strict", "process"]).default("any").meta({
      title: "Sandbox requirement",
      description:
        '"any" (default) runs at the strongest level available (bubblewrap, else namespace) and refuses to run where neither works unless the user passes --sandbox process; "strict" always demands an isolating level (bubblewrap or namespace), even over --sandbox process; "process" allows the weak process level (network open, host files readable) when nothing stronger works.',
    }),
    queue: z
      .string()
      .regex(/^rediss?:\/\/\S+$/)
      .nullable()
      .default(null)
      .meta({
        title: "Evaluation queue",
        description:
          'Redis URL (redis://HOST:PORT[/DB], rediss:// for TLS) on which "steward run" puts evaluations for "steward worker"s; --queue and STEWARD_QUEUE take precedence. Absent: evaluate on this machine. Keep passwords out of the charter: use STEWARD_QUEUE for a URL with one.',
      }),
    max_in_flight: z.number().int().min(1).max(100_000).nullable().default(null).meta({
      title: "Jobs in flight on the queue",
      description:
        "With a queue: evaluation jobs queued or running at most, so a slow fleet does not build up stale candidates made from an old population; --max-in-flight takes precedence. Absent: twice the worker slots seen.",
    }),
    limits: limitsFileSchema.prefault({}),
    policy_scan: policyScanFileSchema,
    gates: gatesFileSchema.prefault({}),
    approvals: approvalsFileSchema.prefault({}),
    deploy: deployFileSchema.prefault({}),
    budget: budgetFileSchema.prefault({}),
    ledger: ledgerFileSchema.prefault({}),
    mutators: mutatorsFileSchema,
    novelty: noveltyFileSchema,
    meta_notes: metaNotesFileSchema,
    repair: repairFileSchema,
    prices: pricesFileSchema,
  })
  .meta({
    title: "Steward charter",
    description:
      "steward.yaml (or steward.json): the problem's seed program, evaluator, objective, constraints, sandbox limits, gates, approvers, deploy target, budget and mutators.",
  });

type CharterFile = z.output<typeof charterFileSchema>;

/** Known keys per mapping, by dotted path ("" for the top level), for "did you mean" hints. */
export const CHARTER_KEYS: Readonly<Record<string, readonly string[]>> =
  keysByPath(charterFileSchema);

/** Keys whose issues make the language/run check meaningless. */
const LANGUAGE_KEYS = new Set(["program", "language", "run"]);

export const charterSchema = charterFileSchema
  .superRefine(checkLanguage, {
    when: (payload) =>
      typeof payload.value === "object" &&
      payload.value !== null &&
      !payload.issues.some(({ path = [], code }) =>
        path.length === 0 ? code !== "unrecognized_keys" : LANGUAGE_KEYS.has(String(path[0])),
      ),
  })
  .transform(toCharter);

export function inferLanguage(program: string): CharterLanguage | null {
  const dot = program.lastIndexOf(".");
  const extension = dot < 0 ? "" : program.slice(dot).toLowerCase();
  return LANGUAGE_BY_EXTENSION[extension] ?? null;
}

function checkLanguage(file: CharterFile, ctx: z.RefinementCtx): void {
  const language = file.language ?? inferLanguage(file.program);
  const issue = (key: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [key], message, input: file[key as keyof CharterFile] });
  if (language === null) {
    issue(
      "language",
      `one of ${LANGUAGES.map((l) => `"${l}"`).join(" | ")} (the program's extension does not say; for another language use "command" and give run)`,
    );
    return;
  }
  const run = file.run ?? null;
  if ((language === "typescript" || language === "javascript") && run !== null) {
    issue("run", `no run for a ${language} program (run is for python and command programs)`);
  } else if (language === "command" && run === null) {
    issue("run", 'a command like ["./{program}"], required when language is "command"');
  } else if (run !== null && !run.some((part) => part.includes("{program}"))) {
    issue("run", 'a command containing "{program}", e.g. ["python3", "{program}"]');
  }
}

function toCharter(file: CharterFile): Charter {
  const language = file.language ?? inferLanguage(file.program) ?? "command";
  const run = file.run ?? (language === "python" ? [...PYTHON_RUN] : null);
  return {
    name: file.name,
    description: file.description,
    program: file.program,
    language,
    run,
    evaluator: file.evaluator,
    driver: file.driver,
    objective: file.objective,
    constraints: file.constraints,
    sandbox: file.sandbox,
    ...(file.needs.length > 0 && { needs: toNeeds(file.needs) }),
    ...(file.queue !== null && { queue: file.queue }),
    ...(file.max_in_flight !== null && { maxInFlight: file.max_in_flight }),
    limits: toSandboxLimits(file.limits),
    autoEvalTimeout: toAutoEvalTimeout(file.limits),
    policyScan: file.policy_scan,
    gates: toGates(file.gates),
    approvals: file.approvals,
    deploy: { ...file.deploy, target: file.deploy.target ?? file.program },
    budget: toBudget(file.budget),
    ledger: { publicKey: file.ledger.public_key },
    mutators: toMutators(file.mutators),
    mutatorModules: toMutatorModules(file.mutators),
    novelty: { threshold: file.novelty.threshold, maxResamples: file.novelty.max_resamples },
    metaNotes: file.meta_notes,
    repair: { maxPerLineage: file.repair.max_per_lineage },
    prices: file.prices,
  };
}
