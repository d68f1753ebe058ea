/**
 * The charter: what a problem folder's `steward.yaml` (or `steward.json`) says,
 * after validation and defaults. Keys are snake_case in the file and camelCase
 * here; `charter-schema.ts` turns one into the other.
 */

import type { SandboxRequirement } from "../sandbox/level.ts";
import type { SandboxLimits } from "../sandbox/limits.ts";
import type { AutoEvalTimeout } from "./charter-limits.ts";
import type {
  MetaNotesConfig,
  ModelPrice,
  MutatorConfig,
  MutatorModuleConfig,
  NoveltyConfig,
} from "./charter-mutators.ts";
import type { Need } from "./charter-needs.ts";
import type {
  ApprovalsConfig,
  BudgetConfig,
  DeployConfig,
  GatesConfig,
  LedgerConfig,
  PolicyScanMode,
} from "./charter-oversight.ts";

/** How Steward runs a candidate. JS/TS candidates are called in-process by the sandbox host. */
export type CharterLanguage = "typescript" | "javascript" | "python" | "command";

export type ObjectiveDirection = "minimize" | "maximize";

export interface Objective {
  /** The metric (a name in the evaluator's `metrics`) that decides "better". */
  metric: string;
  direction: ObjectiveDirection;
}

export type ConstraintOp = "<=" | "<" | ">=" | ">" | "==";

/** A bound on a metric, written `"time_ms <= 2000"` in the file. */
export interface Constraint {
  metric: string;
  op: ConstraintOp;
  value: number;
}

export interface Charter {
  /** Lowercase letters, digits and dashes; names the problem in stores and reports. */
  name: string;
  /** The problem as mutators see it; "" when the file has none. */
  description: string;
  /** The seed program, relative to the problem folder. */
  program: string;
  language: CharterLanguage;
  /**
   * The command that runs a non-JS candidate, `{program}` standing for its path
   * (`["python3", "{program}"]` for Python); null for JS/TS candidates.
   */
  run: string[] | null;
  /** The evaluator, relative to the problem folder. */
  evaluator: string;
  /** Optional trusted code that runs next to the candidate, relative to the problem folder. */
  driver: string | null;
  objective: Objective;
  constraints: Constraint[];
  /** `strict` demands an isolating level; `process` allows the weak one (see level.ts). */
  sandbox: SandboxRequirement;
  /** What evaluating needs on the machine (checked before eval and run); absent: nothing declared. */
  needs?: Need[];
  /** Redis URL of the evaluation queue (`steward worker`s); null or absent: the local pool. */
  queue?: string | null;
  /** With a queue, jobs queued or running at most (`--max-in-flight` wins); absent: twice the worker slots seen. */
  maxInFlight?: number;
  /** With auto, `limits.evalTimeoutMs` is the cap; the engine derives each search evaluation's limit. */
  limits: SandboxLimits;
  /** `eval_timeout_ms: auto`'s settings; null for a fixed limit. */
  autoEvalTimeout: AutoEvalTimeout | null;
  /** Static scan of candidates for dangerous capabilities. */
  policyScan: PolicyScanMode;
  gates: GatesConfig;
  approvals: ApprovalsConfig;
  deploy: DeployConfig;
  budget: BudgetConfig;
  /** The ledger key the charter pins (`ledger.public_key`). */
  ledger: LedgerConfig;
  /** The models (and "gp") of the charter's `mutators` list, in order. */
  mutators: MutatorConfig[];
  /** The list's `module:` entries: mutators of the person's own (engine/load-mutator-module.ts). */
  mutatorModules: MutatorModuleConfig[];
  novelty: NoveltyConfig;
  metaNotes: MetaNotesConfig;
  repair: { maxPerLineage: number };
  /** Extra prices by "PROVIDER:MODEL". */
  prices: Record<string, ModelPrice>;
}

export type {
  MetaNotesConfig,
  ModelPrice,
  MutatorConfig,
  NoveltyConfig,
} from "./charter-mutators.ts";
export type {
  ApprovalsConfig,
  Approver,
  BudgetConfig,
  DeployConfig,
  GatesConfig,
  LedgerConfig,
  PolicyScanMode,
} from "./charter-oversight.ts";
