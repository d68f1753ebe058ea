/**
 * Entry point of the evaluator process. Receives one job at a time from the
 * engine over IPC, loads the person-written evaluator (and, in verify mode,
 * driver), starts the candidate's sandbox, runs the evaluation under its time
 * limit, and answers with exactly one outcome (`evaluate` below, in those
 * steps).
 */
import { pathToFileURL } from "node:url";
import { backendFor, weaknessesOf } from "../../sandbox/detect.ts";
import type { SandboxProcess } from "../../sandbox/launch.ts";
import { isIsolating, meetsRequirement } from "../../sandbox/level.ts";
import type { DriverDefinition, EvaluatorDefinition } from "../evaluator.ts";
import type { EngineToEvaluator, EvaluationJob, EvaluatorToEngine } from "../job.ts";
import {
  buildOutcome,
  type EvaluationOutcome,
  type OutcomeError,
  type OutcomeFrame,
  type OutcomeKind,
} from "../outcome.ts";
import { CandidateError, InvalidCandidateError } from "./candidate-error.ts";
import { CommandCandidate } from "./command-candidate.ts";
import { buildCandidate, buildContext } from "./evaluation-context.ts";
import { JsCandidate } from "./js-candidate.ts";
import { checkEvaluatorResult } from "./metrics.ts";
import { type SandboxSettings, SpareSandbox } from "./spare-sandbox.ts";

const send = (message: EvaluatorToEngine) => process.send?.(message);

/** The next search candidate's sandbox, started ahead (spare-sandbox.ts). */
const spare = new SpareSandbox((js) =>
  send({ type: "spare-started", pid: js.process.pid, uid: js.process.uid }),
);

process.on("message", (message: EngineToEvaluator) => {
  if (message?.type !== "evaluate") return;
  void evaluate(message.job).then((outcome) => send({ type: "done", outcome }));
});
/** Sandboxes of the job in progress, ended with the process if the engine goes away. */
const active = new Set<{ stop(): unknown }>();
process.on("disconnect", () => {
  spare.stop();
  for (const sandbox of active) sandbox.stop();
  setTimeout(() => process.exit(0), 50).unref();
});

class TimeoutError extends Error {}

/**
 * One job, in four steps: load the person's definitions, start the candidate's
 * sandbox, run the evaluator under the time limit, and classify what happened
 * as exactly one outcome. Only the first two can end the job early.
 */
async function evaluate(job: EvaluationJob): Promise<EvaluationOutcome> {
  const frame: OutcomeFrame = {
    mode: job.mode,
    split: job.split,
    started: performance.now(),
    timeLimitMs: job.limits.evalTimeoutMs,
    sandbox: job.sandboxLevel,
    log: [],
    warnings: weaknessesOf(job.sandboxLevel).map(
      (w) => `sandbox level "${job.sandboxLevel}": ${w}`,
    ),
  };
  const refusal = sandboxRefusal(job);
  if (refusal) return buildOutcome("sandbox-error", frame, { error: refusal });
  const definitions = await load(job);
  if ("error" in definitions) return buildOutcome("crashed", frame, { error: definitions.error });
  const candidates = start(job);
  const ended = await run(job, definitions, candidates, frame.log as string[]);
  return classify(job, frame, await stop(job, candidates), ended);
}

/** Why the job cannot run at this machine's level, or null when it can. */
function sandboxRefusal(job: EvaluationJob): OutcomeError | null {
  const level = job.sandboxLevel;
  if (meetsRequirement(level, job.sandbox)) return null;
  return {
    source: "sandbox",
    message:
      job.sandbox === "strict"
        ? `the charter demands "sandbox: strict" (an isolating level) but only the "${level}" level is available here; run "steward doctor" to see why`
        : `no isolating sandbox level works here and the "${level}" level was not opted into (--sandbox process or "sandbox: process" in the charter); run "steward doctor" to see why`,
  };
}

interface Definitions {
  evaluator: EvaluatorDefinition;
  /** The driver runs here only in verify mode; in search mode it runs beside the candidate. */
  driver: DriverDefinition | null;
}

async function load(job: EvaluationJob): Promise<Definitions | { error: OutcomeError }> {
  try {
    const evaluator = await loadDefinition<EvaluatorDefinition>(job.evaluatorPath, "evaluate");
    const driver =
      job.mode === "verify" && job.driverPath
        ? await loadDefinition<DriverDefinition>(job.driverPath, null)
        : null;
    return { evaluator, driver };
  } catch (error) {
    return {
      error: {
        source: "evaluator",
        message: `could not load the evaluator: ${(error as Error).message}${moduleHint(error)}`,
        detail: (error as Error).stack ?? "",
      },
    };
  }
}

/** The candidate's handle: a JS module in a sandbox (started now, or the spare), or a command started per run. */
interface Candidates {
  js: JsCandidate | null;
  command: CommandCandidate | null;
}

function start(job: EvaluationJob): Candidates {
  if (job.candidate.kind === "command") {
    const { programFile, command } = job.candidate;
    const backend = backendFor(job.sandboxLevel, job.hide);
    return {
      js: null,
      command: new CommandCandidate(backend, job.codeDir, programFile, command, job.limits, (p) =>
        send(sandboxStarted(p)),
      ),
    };
  }
  const settings = jsSandboxSettings(job);
  const js = startJs(job, settings);
  // The next one starts now, beside this candidate: its Node start overlaps this
  // evaluation and the engine making the next candidate. Only where sandboxes
  // isolate (a process-level one could reach it), and for search jobs, which
  // come in a row.
  if (job.prestart && job.mode === "search" && isIsolating(job.sandboxLevel))
    spare.replenish(settings);
  active.add(js);
  send(sandboxStarted(js.process));
  return { js, command: null };
}

/** The job's candidate, loading: in the spare when one fits, else in a sandbox started now. */
function startJs(job: EvaluationJob, settings: SandboxSettings): JsCandidate {
  const taken = spare.take(settings.key);
  if (taken) {
    try {
      taken.load(job.codeDir);
      return taken;
    } catch {
      // Its folder could not take the candidate's files (a full disk, say): not
      // the candidate's fault, so it gets a sandbox started for it instead.
      void taken.stop();
    }
  }
  const js = new JsCandidate(settings.backend, job.codeDir, settings.hasDriver, job.limits);
  js.load(job.codeDir);
  return js;
}

/** How a JS job's sandbox is started: the spare it can take must have been started the same way. */
function jsSandboxSettings(job: EvaluationJob): SandboxSettings {
  const hasDriver = job.mode === "search" && job.driverPath !== null;
  return {
    backend: backendFor(job.sandboxLevel, job.hide),
    hasDriver,
    limits: job.limits,
    key: JSON.stringify([job.sandboxLevel, job.hide, hasDriver, job.limits]),
  };
}

/** How the evaluator's call ended: a value, or a throw (`throw null` is still a throw). */
type Ended = { threw: false; value: unknown } | { threw: true; thrown: unknown };

async function run(
  job: EvaluationJob,
  { evaluator, driver }: Definitions,
  { js, command }: Candidates,
  log: string[],
): Promise<Ended> {
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
  try {
    if (js) await Promise.race([js.whenReady(), timeout]);
    const candidate = buildCandidate(parts);
    const evaluation = Promise.resolve(
      evaluator.evaluate(candidate, buildContext(parts, candidate)),
    );
    return { threw: false, value: await Promise.race([evaluation, timeout]) };
  } catch (thrown) {
    return { threw: true, thrown };
  } finally {
    clearTimeout(timer);
  }
}

/** What the candidate's sandboxes left: a fatal limit they hit, and what they measured. */
interface Remains {
  fatal: CandidateError | null;
  io: Partial<EvaluationOutcome>;
}

async function stop(job: EvaluationJob, { js, command }: Candidates): Promise<Remains> {
  // Stopping first lets a limit the candidate hit meanwhile (say, output still
  // draining) count against it.
  if (js) {
    await js.stop();
    active.delete(js);
  }
  await command?.stop();
  return {
    fatal: js?.fatal ?? command?.fatal ?? null,
    io: {
      // The level the candidate's sandboxes reported, not only the one asked for.
      sandbox: js?.process.level ?? command?.ranAt ?? job.sandboxLevel,
      stdout: js?.process.stdout() ?? "",
      stderr: js?.process.stderr() ?? command?.stderrLog ?? "",
      peakMemoryBytes: js?.process.peakMemoryBytes() ?? command?.peakMemoryBytes ?? null,
      cpuMs: js?.process.cpuTimeMs() ?? command?.cpuMs ?? null,
    },
  };
}

function classify(
  job: EvaluationJob,
  frame: OutcomeFrame,
  { fatal, io }: Remains,
  ended: Ended,
): EvaluationOutcome {
  const thrown = ended.threw ? ended.thrown : null;
  const failed = (kind: OutcomeKind, error: OutcomeError) =>
    buildOutcome(kind, frame, { ...io, error });
  if (thrown instanceof TimeoutError) {
    return failed("timeout", { source: "candidate", message: thrown.message });
  }
  // A sandbox that was killed or died decides the outcome, even if the evaluator caught it.
  const failure = fatal ?? (thrown instanceof CandidateError ? thrown : null);
  if (failure) {
    return failed(failure.kind, {
      source: "candidate",
      message: failure.message,
      detail: failure.detail,
    });
  }
  if (thrown instanceof InvalidCandidateError) {
    return failed("invalid", { source: "evaluator", message: thrown.message });
  }
  if (ended.threw) return failed("crashed", { source: "evaluator", ...describeThrown(thrown) });
  const check = checkEvaluatorResult(ended.value, job.objective);
  if (!check.ok) return failed("invalid", { source: "evaluator", message: check.reason });
  return buildOutcome("ok", frame, {
    ...io,
    metrics: check.metrics,
    artifacts: check.artifacts,
    warnings: [...(frame.warnings ?? []), ...check.warnings],
  });
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
