/**
 * The charter's oversight sections: `gates` (what a better candidate must pass
 * before a person sees it), `approvals` (who may approve a deploy, and how many
 * must), `deploy` (where an approved program goes), `budget` (when a run must
 * stop on its own) and `ledger` (the key its checkpoints must be signed by).
 * Snake_case in the file, camelCase in {@link Charter}.
 */
import { z } from "zod";
import { parseDuration } from "../util/duration.ts";
import { boundedInt } from "./bounded-int.ts";
import { isRelativeInside, RELATIVE_PATH_EXPECTED } from "./relative-path.ts";

const ratio = (min: number, description: string, fallback: number) =>
  z
    .number({ error: `a number >= ${min}` })
    .min(min, { error: `a number >= ${min}` })
    .default(fallback)
    .meta({ description });

const nonNegative = (description: string) =>
  z.number({ error: "a number >= 0" }).min(0, { error: "a number >= 0" }).meta({ description });

const INTERVAL_TIME_EXPECTED = 'a duration like "90s", "15m" or "1h"';
const minIntervalSchema = z
  .strictObject({
    evaluations: z
      .int({ error: "a positive integer" })
      .min(1, { error: "a positive integer" })
      .nullable()
      .default(null)
      .meta({ description: "Evaluations that must follow the open proposal." }),
    time: z
      .string({ error: INTERVAL_TIME_EXPECTED })
      .refine((text) => (parseDuration(text) ?? 0) > 0, { error: INTERVAL_TIME_EXPECTED })
      .nullable()
      .default(null)
      .meta({
        description: `Time that must pass after the open proposal, ${INTERVAL_TIME_EXPECTED}.`,
      }),
  })
  .nullable()
  .default(null)
  .meta({
    description:
      "Holds back new proposals while one is still open (undecided and not superseded): a new one is made only once every bound given here has passed since the newest open proposal was made, or once none is open. The best candidate held back is gated then. Default null: no hold.",
  });

export const gatesFileSchema = z
  .strictObject({
    min_interval: minIntervalSchema,
    margin: nonNegative(
      "How much (in objective units) a candidate must beat the champion by before it goes through the gates. Default 0: any strict improvement.",
    ).default(0),
    verify: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: "Re-score in verify mode." }),
        tolerance: nonNegative(
          "Largest allowed |verify score - search score|; anything larger blocks the candidate as tampering. Default 1e-9.",
        ).default(1e-9),
      })
      .prefault({})
      .meta({ description: "Verify-mode re-score: the driver runs in the evaluator process." }),
    stability: z
      .strictObject({
        runs: boundedInt(0, 100, 2).meta({
          description: "Fresh verify-mode re-runs with other seeds (0 turns the gate off).",
        }),
        max_relative_spread: nonNegative(
          "Largest allowed (max - min) / |mean| of the objective over the re-runs. Default 0.01.",
        ).default(0.01),
      })
      .prefault({})
      .meta({ description: "Stability: the score must not depend on luck." }),
    holdout: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: "Score on the holdout split." }),
        split: z
          .string()
          .min(1)
          .default("holdout")
          .meta({ description: "The evaluator's split name for data mutators never see." }),
        max_gap: nonNegative(
          "Largest allowed |holdout score - search score| in objective units; null (default) for no bound. The candidate's holdout score must also beat the champion's.",
        )
          .nullable()
          .default(null),
      })
      .prefault({})
      .meta({ description: "Holdout: the gain must carry over to unseen data." }),
    resources: z
      .strictObject({
        max_slowdown: ratio(
          1,
          "Largest allowed ratio of the candidate's CPU time to the champion's (medians of 3 verify-mode runs each). Default 2.",
          2,
        ),
        max_memory_growth: ratio(
          1,
          "Largest allowed ratio of the candidate's peak memory to the champion's. Default 2.",
          2,
        ),
      })
      .prefault({})
      .meta({ description: "Resources: time and memory not much worse than the champion." }),
    implausible: z
      .strictObject({
        factor: ratio(
          1,
          "A gain larger than this many times the largest improvement so far is flagged implausible and needs one extra approval. Default 10.",
          10,
        ),
      })
      .prefault({})
      .meta({ description: "Implausible gain: suspiciously large jumps need another person." }),
  })
  .meta({ title: "Gates", description: "Automatic checks before a candidate becomes a proposal." });

export const PUBLIC_KEY_PATTERN = /^ed25519:[A-Za-z0-9+/]{43}=$/;
const PUBLIC_KEY_EXPECTED =
  'an ed25519 public key as printed by `steward keys create`: "ed25519:" and 44 base64 characters';

const approverSchema = z.strictObject({
  name: z
    .string({ error: "a non-empty name" })
    .min(1, { error: "a non-empty name" })
    .max(100, { error: "at most 100 characters" })
    .meta({ description: "Who this is, as shown in the ledger and git trailers." }),
  key: z
    .string({ error: PUBLIC_KEY_EXPECTED })
    .regex(PUBLIC_KEY_PATTERN, { error: PUBLIC_KEY_EXPECTED })
    .meta({ description: PUBLIC_KEY_EXPECTED }),
});

export const approvalsFileSchema = z
  .strictObject({
    required: boundedInt(1, 100, 1).meta({
      description: "Distinct listed approvers whose approvals a deploy needs.",
    }),
    approvers: z
      .array(approverSchema)
      .default([])
      .meta({ description: "People allowed to approve, with their ed25519 public keys." }),
  })
  .meta({ title: "Approvals", description: "Who may approve a deploy, and how many must." });

export const deployFileSchema = z
  .strictObject({
    target: z
      .string({ error: RELATIVE_PATH_EXPECTED })
      .refine(isRelativeInside, { error: RELATIVE_PATH_EXPECTED })
      .nullable()
      .default(null)
      .meta({
        description:
          "Where an approved program is written, relative to the problem folder. Default: the charter's program.",
      }),
    auto: z
      .boolean()
      .default(false)
      .meta({ description: "Deploy on its own as soon as a proposal has enough approvals." }),
    git: z.boolean().default(false).meta({
      description: "Commit the deployed file with git, approvers in Approved-by: trailers.",
    }),
  })
  .meta({ title: "Deploy", description: "Where approved programs go." });

const DURATION_EXPECTED = 'a duration like "90s", "15m", "2h" or "1h30m"';
const positiveInt = (description: string) =>
  z
    .int({ error: "a positive integer" })
    .min(1, { error: "a positive integer" })
    .nullable()
    .default(null)
    .meta({ description });

/** A duration of at least a millisecond that ends up as a whole, finite number of them. */
function isPositiveDuration(text: string): boolean {
  const ms = parseDuration(text);
  return ms !== null && Number.isSafeInteger(ms) && ms > 0;
}

export const budgetFileSchema = z
  .strictObject({
    evaluations: positiveInt("Most evaluations in a run (over all its sessions)."),
    time: z
      .string({ error: DURATION_EXPECTED })
      .refine(isPositiveDuration, { error: DURATION_EXPECTED })
      .nullable()
      .default(null)
      .meta({ description: `Most wall time of a run, ${DURATION_EXPECTED}.` }),
    tokens: positiveInt("Most LLM tokens (prompt + completion) in a run."),
    money: z
      .number({ error: "a number of US dollars > 0" })
      .positive({ error: "a number of US dollars > 0" })
      .nullable()
      .default(null)
      .meta({ description: "Most US dollars of LLM calls in a run; reserved before each call." }),
  })
  .meta({ title: "Budget", description: "When a run stops on its own; each key is optional." });

const LEDGER_KEY_EXPECTED =
  'the ledger\'s public key as "steward audit key PROBLEM" prints it: "ed25519:" and 44 base64 characters';

export const ledgerFileSchema = z
  .strictObject({
    public_key: z
      .string({ error: LEDGER_KEY_EXPECTED })
      .regex(PUBLIC_KEY_PATTERN, { error: LEDGER_KEY_EXPECTED })
      .nullable()
      .default(null)
      .meta({
        description: `The key the ledger's checkpoints must be signed by, ${LEDGER_KEY_EXPECTED}. "steward audit verify" fails on a log signed by any other key (unless --trust-key names it), so a folder rewritten and re-signed as a whole is caught on any machine. Default: none; the key file in the config folder vouches on the machine that ran the problem.`,
      }),
  })
  .meta({ title: "Ledger", description: "Pins the key that signs the tamper-evident ledger." });

export const POLICY_SCAN_MODES = ["block", "flag", "off"] as const;
export const policyScanFileSchema = z.enum(POLICY_SCAN_MODES).default("block").meta({
  title: "Policy scan",
  description:
    'Static scan of each candidate for dangerous capabilities (dynamic code, process and module access, global and timer patching, reflection on the harness): "block" (default) rejects it as a policy outcome, "flag" records warnings for the gates and reviewers, "off" skips it. The sandbox contains candidates either way.',
});

export interface GatesConfig {
  margin: number;
  verify: { enabled: boolean; tolerance: number };
  stability: { runs: number; maxRelativeSpread: number };
  holdout: { enabled: boolean; split: string; maxGap: number | null };
  resources: { maxSlowdown: number; maxMemoryGrowth: number };
  implausible: { factor: number };
  /** Hold new proposals while one is open until these have passed; null: no hold. */
  minInterval: { evaluations: number | null; timeMs: number | null } | null;
}

export interface Approver {
  name: string;
  /** "ed25519:" + base64 of the raw 32-byte public key. */
  key: string;
}

export interface ApprovalsConfig {
  required: number;
  approvers: Approver[];
}

export interface DeployConfig {
  /** Relative to the problem folder; the charter's program when the file gives none. */
  target: string;
  auto: boolean;
  git: boolean;
}

export interface BudgetConfig {
  evaluations: number | null;
  timeMs: number | null;
  tokens: number | null;
  /** US dollars. */
  money: number | null;
}

export interface LedgerConfig {
  /** "ed25519:..." the checkpoints must be signed by; null when the charter pins none. */
  publicKey: string | null;
}

export type PolicyScanMode = (typeof POLICY_SCAN_MODES)[number];

type GatesFile = z.output<typeof gatesFileSchema>;

export function toGates(file: GatesFile): GatesConfig {
  return {
    margin: file.margin,
    verify: file.verify,
    stability: {
      runs: file.stability.runs,
      maxRelativeSpread: file.stability.max_relative_spread,
    },
    holdout: {
      enabled: file.holdout.enabled,
      split: file.holdout.split,
      maxGap: file.holdout.max_gap,
    },
    resources: {
      maxSlowdown: file.resources.max_slowdown,
      maxMemoryGrowth: file.resources.max_memory_growth,
    },
    implausible: file.implausible,
    minInterval: file.min_interval && {
      evaluations: file.min_interval.evaluations,
      timeMs: file.min_interval.time === null ? null : parseDuration(file.min_interval.time),
    },
  };
}

export function toBudget(file: z.output<typeof budgetFileSchema>): BudgetConfig {
  return {
    evaluations: file.evaluations,
    timeMs: file.time === null ? null : parseDuration(file.time),
    tokens: file.tokens,
    money: file.money,
  };
}
