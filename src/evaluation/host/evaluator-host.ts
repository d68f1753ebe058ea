/**
 * Entry point of the evaluator process. Receives one job at a time from the
 * engine over IPC, loads the person-written evaluator (and, in verify mode,
 * driver), starts the candidate's sandbox, runs the evaluation under its time
 * limit, and answers with exactly one outcome.
 */
import { pathToFileURL } from "node:url";
import { backendFor, weaknessesOf } from "../../sandbox/detect.ts";
import type { SandboxProcess } from "../../sandbox/launch.ts";
import { meetsRequirement } from "../../sandbox/level.ts";
import type { DriverDefinition, EvaluatorDefinition } from "../evaluator.ts";
import type { EngineToEvaluator, EvaluationJob, EvaluatorToEngine } from "../job.ts";
import type { EvaluationOutcome, OutcomeError, OutcomeKind } from "../outcome.ts";
import { CandidateError, InvalidCandidateError } from "./candidate-error.ts";
import { CommandCandidate } from "./command-candidate.ts";
import { buildCandidate, buildContext } from "./evaluation-context.ts";
import { JsCandidate } from "./js-candidate.ts";
import { checkEvaluatorResult } from "./metrics.ts";

const send = (message: EvaluatorToEngine) => process.send?.(message);

process.on("message", (message: EngineToEvaluator) => {
  if (message?.type !== "evaluate") return;
  void evaluate(message.job).then((outcome) => send({ type: "done", outcome }));
});
/** Sandboxes of the job in progress, ended with the process if the engine goes away. */
const active = new Set<{ stop(): unknown }>();
process.on("disconnect", () => {
  for (const sandbox of active) sandbox.stop();
  setTimeout(() => process.exit(0), 50).unref();
});

class TimeoutError extends Error {}

async function evaluate(job: EvaluationJob): Promise<EvaluationOutcome> {
  const started = performance.now();
  const log: string[] = [];
  const level = job.sandboxLevel;
  const backend = backendFor(level, job.hide);
  const weaknesses = weaknessesOf(level);
  const result = (
    outcome: OutcomeKind,
    rest: Partial<EvaluationOutcome> & { error?: OutcomeError | null },
  ): EvaluationOutcome => ({
    outcome,
    metrics: null,
    error: null,
    mode: job.mode,
    split: job.split,
    durationMs: Math.round(performance.now() - started),
    timeLimitMs: job.limits.evalTimeoutMs,
    peakMemoryBytes: null,
    sandbox: level,
    stdout: "",
    stderr: "",
    artifacts: {},
    log,
    warnings: weaknesses.map((w) => `sandbox level "${level}": ${w}`),
    ...rest,
  });

  if (!meetsRequirement(level, job.sandbox)) {
    return result("sandbox-error", {
      error: {
        source: "sandbox",
        message:
          job.sandbox === "strict"
            ? `the charter demands "sandbox: strict" (an isolating level) but only the "${level}" level is available here; run "steward doctor" to see why`
            : `no isolating sandbox level works here and the "${level}" level was not opted into (--sandbox process or "sandbox: process" in the charter); run "steward doctor" to see why`,
      },
    });
  }

  let evaluator: EvaluatorDefinition;
  let driver: DriverDefinition | null = null;
  try {
    evaluator = await loadDefinition<EvaluatorDefinition>(job.evaluatorPath, "evaluate");
    if (job.mode === "verify" && job.driverPath)
      driver = await loadDefinition<DriverDefinition>(job.driverPath, null);
  } catch (error) {
    return result("crashed", {
      error: {
        source: "evaluator",
        message: `could not load the evaluator: ${(error as Error).message}${moduleHint(error)}`,
        detail: (error as Error).stack ?? "",
      },
    });
  }

  const js =
    job.candidate.kind === "js"
      ? new JsCandidate(
          backend,
          job.codeDir,
          job.mode === "search" && job.driverPath !== null,
          job.limits,
        )
      : null;
  const command =
    job.candidate.kind === "command"
      ? new CommandCandidate(
          backend,
          job.codeDir,
          job.candidate.programFile,
          job.candidate.command,
          job.limits,
          (sandbox) => send(sandboxStarted(sandbox)),
        )
      : null;
  if (js) {
    active.add(js);
    send(sandboxStarted(js.process));
  }

  const controller = new AbortController();
  const deadline = Date.now() + job.limits.evalTimeoutMs;
  const parts = { job, js, command, driver, signal: controller.signal, deadline, log };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(`the evaluation ran past ${job.limits.evalTimeoutMs} ms`));
    }, job.limits.evalTimeoutMs);
  });

  let value: unknown;
  let thrown: unknown = null;
  // Whether the evaluation threw at all: `throw null` or `throw 0` is still a throw.
  let threw = false;
  try {
    if (js) await Promise.race([js.whenReady(), timeout]);
    const candidate = buildCandidate(parts);
    const evaluation = Promise.resolve(
      evaluator.evaluate(candidate, buildContext(parts, candidate)),
    );
    value = await Promise.race([evaluation, timeout]);
  } catch (error) {
    thrown = error;
    threw = true;
  } finally {
    clearTimeout(timer);
  }

  // Stopping first lets a limit the candidate hit meanwhile (say, output still
  // draining) count against it.
  if (js) {
    await js.stop();
    active.delete(js);
  }
  await command?.stop();
  const fatal = js?.fatal ?? command?.fatal ?? null;
  // The level the candidate's sandboxes reported, not only the one asked for.
  const ranAt = js?.process.level ?? command?.ranAt ?? level;
  const io = {
    sandbox: ranAt,
    stdout: js?.process.stdout() ?? "",
    stderr: js?.process.stderr() ?? command?.stderrLog ?? "",
    peakMemoryBytes: js?.process.peakMemoryBytes() ?? command?.peakMemoryBytes ?? null,
    cpuMs: js?.process.cpuTimeMs() ?? command?.cpuMs ?? null,
  };

  if (thrown instanceof TimeoutError) {
    return result("timeout", { ...io, error: { source: "candidate", message: thrown.message } });
  }
  // A sandbox that was killed or died decides the outcome, even if the evaluator caught it.
  const failure = fatal ?? (thrown instanceof CandidateError ? thrown : null);
  if (failure) {
    return result(failure.kind, {
      ...io,
      error: { source: "candidate", message: failure.message, detail: failure.detail },
    });
  }
  if (thrown instanceof InvalidCandidateError) {
    return result("invalid", { ...io, error: { source: "evaluator", message: thrown.message } });
  }
  if (threw) {
    return result("crashed", { ...io, error: { source: "evaluator", ...describeThrown(thrown) } });
  }
  const check = checkEvaluatorResult(value, job.objective);
  if (!check.ok)
    return result("invalid", { ...io, error: { source: "evaluator", message: check.reason } });
  const base = result("ok", io);
  return {
    ...base,
    metrics: check.metrics,
    artifacts: check.artifacts,
    warnings: [...base.warnings, ...check.warnings],
  };
}

function sandboxStarted(sandbox: SandboxProcess): EvaluatorToEngine {
  return { type: "sandbox-started", pid: sandbox.pid, uid: sandbox.uid, level: sandbox.level };
}

/** What the evaluator threw, as an outcome's message: an error by name and message, anything else as itself. */
function describeThrown(thrown: unknown): { message: string; detail: string } {
  try {
    if (typeof thrown === "object" && thrown !== null && "message" in thrown) {
      const e = thrown as Error;
      return {
        message: `the evaluator threw ${String(e.name ?? "Error")}: ${String(e.message)}`,
        detail: typeof e.stack === "string" ? e.stack : "",
      };
    }
    const text = typeof thrown === "string" ? JSON.stringify(thrown) : String(thrown);
    return { message: `the evaluator threw ${text.slice(0, 200)}`, detail: "" };
  } catch {
    return { message: "the evaluator threw a value that cannot be shown", detail: "" };
  }
}

/**
 * Modules loaded so far, by file. Node keeps an imported module for the life of
 * the process anyway; asking it again per job still goes through the loader's
 * hooks (tsx, on their own thread), a cost per candidate this map saves.
 */
const loaded = new Map<string, Record<string, unknown>>();

async function loadDefinition<T>(file: string, required: string | null): Promise<T> {
  let module = loaded.get(file);
  if (!module) {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    loaded.set(file, module);
  }
  const definition = (module.default ?? module) as Record<string, unknown>;
  if (required && typeof definition[required] !== "function") {
    throw new Error(
      `${file} must export default defineEvaluator({ ${required}(candidate, ctx) { ... } })`,
    );
  }
  return definition as T;
}

/** The usual cause of an ESM syntax error when loading evaluator files, and its fix. */
function moduleHint(error: unknown): string {
  const text = String((error as Error)?.message ?? "");
  if (!/Unexpected token 'export'|Cannot use import statement/.test(text)) return "";
  return ' (the problem folder\'s TypeScript is loaded as CommonJS: add a package.json with { "type": "module" } to the problem folder)';
}
