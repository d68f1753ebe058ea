/**
 * Engine side of one evaluation: static checks, then an evaluator process (never
 * the engine's own) that runs the person's evaluator against the sandboxed
 * candidate. Whatever happens, the result is one `EvaluationOutcome`; a hard
 * deadline kills the evaluator and every sandbox it started.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Problem } from "../problem/load-problem.ts";
import { detectSandbox } from "../sandbox/detect.ts";
import { descendants, killQuietly, processesOfUid } from "../sandbox/process-tree.ts";
import { runtimeBundle } from "../sandbox/runtime-bundle.ts";
import { evaluatorEnv } from "./evaluator-env.ts";
import type { EngineToEvaluator, EvaluationJob, EvaluatorToEngine } from "./job.ts";
import type { EvalMode, EvaluationOutcome, OutcomeError, OutcomeKind } from "./outcome.ts";
import { prepareCandidate } from "./prepare-candidate.ts";

const HOST = fileURLToPath(new URL("./evaluator-host.ts", import.meta.url));
const LOADER = new URL("./loader/register.mjs", import.meta.url).href;
/** Time the evaluator process gets beyond the evaluation limit to start and report. */
const GRACE_MS = 5_000;
const KEEP_EVALUATOR_OUTPUT = 16 * 1024;

export interface EvaluateOptions {
  code: string;
  mode?: EvalMode;
  split?: string;
  seed?: number;
}

export async function evaluateProgram(
  problem: Problem,
  options: EvaluateOptions,
): Promise<EvaluationOutcome> {
  const mode = options.mode ?? "search";
  const split = options.split ?? "train";
  const started = performance.now();
  const { report } = detectSandbox();
  runtimeBundle(); // compiled here once, so evaluator processes never load TypeScript
  const early = (outcome: OutcomeKind, error: OutcomeError): EvaluationOutcome => ({
    outcome,
    metrics: null,
    error,
    mode,
    split,
    durationMs: Math.round(performance.now() - started),
    peakMemoryBytes: null,
    sandbox: report.level,
    stdout: "",
    stderr: "",
    artifacts: {},
    log: [],
    warnings: [],
  });

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
    limits: charter.limits,
    sandbox: charter.sandbox,
    sandboxLevel: report.level,
  };
  try {
    return await runEvaluatorProcess(job, (kind, error) => early(kind, error));
  } finally {
    prepared.remove();
  }
}

function runEvaluatorProcess(
  job: EvaluationJob,
  fail: (kind: OutcomeKind, error: OutcomeError) => EvaluationOutcome,
): Promise<EvaluationOutcome> {
  return new Promise((resolve) => {
    const child = fork(HOST, [], {
      execArgv: ["--import", LOADER, "--no-warnings"],
      env: evaluatorEnv(),
      cwd: job.problemDir,
      serialization: "advanced",
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      if (output.length < KEEP_EVALUATOR_OUTPUT) output += chunk.toString("utf8");
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const sandboxes: { pid: number; uid: number | null }[] = [];
    let settled = false;
    const finish = (outcome: EvaluationOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      for (const s of sandboxes) {
        for (const p of descendants(s.pid)) killQuietly(p);
        if (s.uid !== null) for (const p of processesOfUid(s.uid)) killQuietly(p);
      }
      if (child.pid) killQuietly(-child.pid);
      child.disconnect?.();
      resolve(outcome);
    };
    const deadline = setTimeout(() => {
      finish(
        fail("timeout", {
          source: "engine",
          message: `the evaluation did not finish within ${job.limits.evalTimeoutMs + GRACE_MS} ms; its processes were killed`,
        }),
      );
    }, job.limits.evalTimeoutMs + GRACE_MS);
    child.on("message", (message: EvaluatorToEngine) => {
      if (message.type === "sandbox-started")
        sandboxes.push({ pid: message.pid, uid: message.uid });
      if (message.type === "done") finish(message.outcome);
    });
    child.on("error", (error) =>
      finish(
        fail("crashed", {
          source: "evaluator",
          message: `the evaluator process failed: ${error.message}`,
        }),
      ),
    );
    child.on("exit", (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      finish(
        fail("crashed", {
          source: "evaluator",
          message: `the evaluator process ${how} before reporting`,
          detail: output.slice(-4000),
        }),
      );
    });
    child.send({ type: "evaluate", job } satisfies EngineToEvaluator);
  });
}
