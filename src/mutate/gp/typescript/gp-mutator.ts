/**
 * The built-in offline mutator: genetic programming on the syntax tree of the
 * JS/TS code inside a program's EVOLVE-BLOCKs. Each mutation applies one to
 * three operators (a geometric number) picked by adaptive weights, then checks
 * the candidate; a failed check retries with other operators, up to a bound.
 * Only block interiors change, and every candidate parses.
 */
import type { MutationRequest, MutationResult, Mutator } from "../../mutator.ts";
import { OperatorRates } from "../rates.ts";
import { analyze } from "./analysis.ts";
import { assemble } from "./assemble.ts";
import { applyEdits, overlapping } from "./edits.ts";
import { nodeCount } from "./operators/common.ts";
import { BASE_WEIGHTS, OPERATORS } from "./operators/index.ts";
import type { Change, GpOperator, OperatorContext } from "./operators/operator.ts";
import type { Analysis, Language } from "./sites.ts";

export interface GpOptions {
  /** Candidates built and checked before giving up with "no-change" (default 20). */
  maxAttempts?: number;
  /** Most operators applied in one mutation (default 3). */
  maxOperators?: number;
  /** Chance of applying one more operator, up to `maxOperators` (default 0.35). */
  chainProbability?: number;
  /** A block may not grow past this many characters (default 3000). */
  maxBlockChars?: number;
  /** An expression may not grow past this many syntax nodes (default 80). */
  maxExpressionNodes?: number;
  /** Starting weights per operator name, replacing the defaults given. */
  weights?: Readonly<Record<string, number>>;
}

type Limits = Required<Omit<GpOptions, "weights">>;

export function createGpMutator(options: GpOptions = {}): Mutator {
  const limits: Limits = {
    maxAttempts: options.maxAttempts ?? 20,
    maxOperators: options.maxOperators ?? 3,
    chainProbability: options.chainProbability ?? 0.35,
    maxBlockChars: options.maxBlockChars ?? 3000,
    maxExpressionNodes: options.maxExpressionNodes ?? 80,
  };
  const rates = new OperatorRates({ ...BASE_WEIGHTS, ...options.weights });
  return {
    name: "gp",
    mutate: async (request) => mutate(request, rates, limits),
    reward: (operator, improved) => rates.reward(operator, improved),
    saveState: () => rates.save(),
    restoreState: (state) => rates.restore(state),
  };
}

function mutate(request: MutationRequest, rates: OperatorRates, limits: Limits): MutationResult {
  const language = request.problem.language;
  if (language !== "typescript" && language !== "javascript") {
    return {
      ok: false,
      reason: "unsupported",
      message: `gp mutates JavaScript and TypeScript, not ${language}`,
    };
  }
  let parent: Analysis;
  try {
    parent = analyzeCached(request.parent.code, language);
  } catch (error) {
    return { ok: false, reason: "error", message: `gp cannot read the parent: ${String(error)}` };
  }
  let donors: Analysis[] | undefined;
  const loadDonors = () => {
    donors ??= request.inspirations.flatMap((p) => {
      try {
        return [analyzeCached(p.code, language)];
      } catch {
        return [];
      }
    });
    return donors;
  };
  for (let attempt = 0; attempt < limits.maxAttempts; attempt++) {
    if (request.signal?.aborted) return { ok: false, reason: "error", message: "aborted" };
    const candidate = attemptOnce(request, parent, loadDonors, rates, limits);
    if (candidate) return candidate;
  }
  return {
    ok: false,
    reason: "no-change",
    message: `gp found no valid change in ${limits.maxAttempts} attempts`,
  };
}

/** One candidate: one to `maxOperators` operators in a row, then the checks; null if it fails them. */
function attemptOnce(
  request: MutationRequest,
  parent: Analysis,
  donors: () => readonly Analysis[],
  rates: OperatorRates,
  limits: Limits,
): MutationResult | null {
  const { rng } = request;
  let count = 1;
  while (count < limits.maxOperators && rng.chance(limits.chainProbability)) count++;
  let current: Analysis | null = parent;
  let text = parent.text;
  const names: string[] = [];
  const notes: string[] = [];
  for (let step = 0; step < count && current; step++) {
    const ctx: OperatorContext = {
      analysis: current,
      rng,
      donors,
      maxExpressionNodes: limits.maxExpressionNodes,
    };
    const applied = applyOne(ctx, rates, limits, request.inspirations.length > 0);
    if (!applied) break;
    text = applyEdits(current.text, applied.change.edits);
    names.push(applied.operator.name);
    notes.push(`${applied.operator.name}: ${applied.change.note}`);
    current = step + 1 < count ? tryAnalyze(text, parent.language) : null;
  }
  if (names.length === 0) return null;
  const code = assemble(request.parent.code, text, parent.language, limits.maxBlockChars);
  if (code === null) return null;
  return { ok: true, code, operator: names.join("+"), rationale: `gp ${notes.join("; ")}` };
}

/** Picks operators by weight until one applies; null when none does. */
function applyOne(
  ctx: OperatorContext,
  rates: OperatorRates,
  limits: Limits,
  hasInspirations: boolean,
): { operator: GpOperator; change: Change } | null {
  const pressure = sizePressure(ctx.analysis, limits);
  const scale = (name: string) => {
    const effect = OPERATORS.find((o) => o.name === name)?.effect;
    if (effect === "grow") return 1 - 0.9 * pressure;
    if (effect === "shrink") return 1 + 4 * pressure;
    return 1;
  };
  let names = OPERATORS.map((o) => o.name).filter((n) => hasInspirations || n !== "crossover");
  while (names.length > 0) {
    const name = rates.pick(ctx.rng, names, scale);
    const operator = OPERATORS.find((o) => o.name === name);
    if (!operator) return null;
    const change = operator.apply(ctx);
    if (change && change.edits.length > 0 && !overlapping(change.edits))
      return { operator, change };
    names = names.filter((n) => n !== name);
  }
  return null;
}

/** 0 while blocks and expressions use under half their limits, rising to 1 at the limits. */
function sizePressure(a: Analysis, limits: Limits): number {
  let used = 0;
  for (const b of a.blocks) used = Math.max(used, (b.end - b.start) / limits.maxBlockChars);
  for (const root of new Set(a.exprs.map((s) => s.root))) {
    used = Math.max(used, nodeCount(root) / limits.maxExpressionNodes);
  }
  return Math.min(1, Math.max(0, (used - 0.5) / 0.5));
}

/** Recent analyses: parents and inspirations come back often in a population. */
const recent = new Map<string, Analysis>();
const RECENT_MAX = 64;

function analyzeCached(code: string, language: Language): Analysis {
  const key = `${language}:${code}`;
  let a = recent.get(key);
  if (a) {
    recent.delete(key);
  } else {
    a = analyze(code, language);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value ?? "");
  }
  recent.set(key, a);
  return a;
}

/** The analysis, or null when the code does not parse into blocks. */
function tryAnalyze(code: string, language: Language): Analysis | null {
  try {
    return analyze(code, language);
  } catch {
    return null;
  }
}
