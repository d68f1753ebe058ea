/**
 * Engine side of one evaluation: static checks, then an evaluator process (never
 * the engine's own) that runs the person's evaluator against the sandboxed
 * candidate. Whatever happens, the result is one `EvaluationOutcome`.
 */
import type { Problem } from "../problem/load-problem.ts";
import { trustedFoldersOutside } from "../problem/trusted-folders.ts";
import { detectSandbox, effectiveRequirement } from "../sandbox/detect.ts";
import { runtimeBundle } from "../sandbox/runtime-bundle.ts";
import { stewardConfigDir } from "../util/config-dir.ts";
import { EvaluatorProcess } from "./evaluator-process.ts";
import type { EvaluationJob } from "./job.ts";
import {
  buildOutcome,
  type EvalMode,
  type EvaluationOutcome,
  type OutcomeError,
  type OutcomeKind,
} from "./outcome.ts";
import { prepareCandidate } from "./prepare-candidate.ts";

export interface EvaluateOptions {
  code: string;
  mode?: EvalMode;
  split?: string;
  seed?: number;
  /** A long-lived evaluator process to use (see EvaluatorPool); else a fresh one. */
  evaluator?: EvaluatorProcess;
  /** Aborting kills the evaluation's processes; the promise then rejects. */
  signal?: AbortSignal;
  /**
   * The evaluation's wall-clock limit (ms), when the engine derives it
   * (`eval_timeout_ms: auto`); else the charter's `limits.eval_timeout_ms`.
   */
  timeLimitMs?: number;
}

export async function evaluateProgram(
  problem: Problem,
  options: EvaluateOptions,
): Promise<EvaluationOutcome> {
  const mode = options.mode ?? "search";
  const split = options.split ?? "train";
  const started = performance.now();
  const { report } = detectSandbox();
  const { limits: charterLimits } = problem.charter;
  const limits = options.timeLimitMs
    ? { ...charterLimits, evalTimeoutMs: options.timeLimitMs }
    : charterLimits;
  runtimeBundle(); // compiled here once, so evaluator processes never load TypeScript
  const frame = { mode, split, started, timeLimitMs: limits.evalTimeoutMs, sandbox: report.level };
  const early = (kind: OutcomeKind, error: OutcomeError) => buildOutcome(kind, frame, { error });

  let prepared: ReturnType<typeof prepareCandidate>;
  try {
    prepared = prepareCandidate(problem, options.code, mode);
  } catch (error) {
    return early("crashed", { source: "evaluator", message: (error as Error).message });
  }
  if (!prepared.ok) return early(prepared.outcome, prepared.error);

  const { charter } = problem;
  const job: EvaluationJob = {
    evaluatorPath: problem.evaluatorPath,
    driverPath: problem.driverPath,
    problemDir: problem.dir,
    dataDir: problem.dataDir,
    codeDir: prepared.codeDir,
    candidate: prepared.candidate,
    mode,
    split,
    seed: options.seed ?? 0,
    objective: charter.objective.metric,
    limits,
    sandbox: effectiveRequirement(report, charter.sandbox),
    sandboxLevel: report.level,
    // The store (.steward/) lives in the problem folder; the config folder holds
    // the keys; trusted files may also live beside it (../shared/).
    hide: [problem.dir, stewardConfigDir(), ...trustedFoldersOutside(problem)],
    prestart: options.evaluator !== undefined,
  };
  const own = options.evaluator ? null : new EvaluatorProcess();
  try {
    const outcome = await (options.evaluator ?? (own as EvaluatorProcess)).evaluate(
      job,
      options.signal,
      early,
    );
    if (prepared.warnings.length === 0) return outcome;
    return { ...outcome, warnings: [...prepared.warnings, ...outcome.warnings] };
  } finally {
    own?.close();
    prepared.remove();
  }
}
