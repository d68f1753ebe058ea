/**
 * Builds the `candidate` handle and `ctx` an evaluator receives, on top of the
 * sandboxed candidate, and places driver calls according to the mode.
 */

import type { Candidate, DriverDefinition, EvalContext } from "../evaluator.ts";
import type { EvaluationJob } from "../job.ts";
import { CandidateError, InvalidCandidateError } from "./candidate-error.ts";
import type { CommandCandidate } from "./command-candidate.ts";
import type { JsCandidate } from "./js-candidate.ts";

const MAX_LOG_LINES = 200;
const MAX_LOG_LINE = 500;

export interface ContextParts {
  job: EvaluationJob;
  js: JsCandidate | null;
  command: CommandCandidate | null;
  /** The driver loaded here, for verify mode. */
  driver: DriverDefinition | null;
  signal: AbortSignal;
  deadline: number;
  log: string[];
}

/**
 * A search-mode driver call's limit: `call_timeout_ms`, as for any call, and
 * never past the evaluation's deadline. The driver loops over the candidate's
 * calls inside the sandbox, unseen, so this is what stops a runaway there.
 */
export function driverLimitMs(parts: Pick<ContextParts, "job" | "deadline">): number {
  const remaining = Math.max(1, parts.deadline - Date.now());
  return Math.min(parts.job.limits.callTimeoutMs, remaining);
}

export function buildCandidate({ job, js, command }: ContextParts): Candidate {
  return {
    mode: job.mode,
    exports: js ? [...js.exports] : [],
    call: async <T>(name: string, ...args: unknown[]) => {
      if (!js)
        throw new CandidateError(
          "crashed",
          "candidate.call needs a JS/TS candidate; use candidate.run",
          { fatal: false },
        );
      return (await js.call(name, args)) as T;
    },
    run: async (args = [], options = {}) => {
      if (!command)
        throw new CandidateError(
          "crashed",
          "candidate.run needs a command candidate; use candidate.call",
          { fatal: false },
        );
      return command.run(args, options);
    },
  };
}

export function buildContext(parts: ContextParts, candidate: Candidate): EvalContext {
  const { job, js, driver, log } = parts;
  return {
    mode: job.mode,
    split: job.split,
    seed: job.seed,
    problemDir: job.problemDir,
    dataDir: job.dataDir,
    signal: parts.signal,
    driver: async <T>(name: string, ...args: unknown[]) => {
      if (!job.driverPath) throw new Error("ctx.driver: the charter names no driver");
      if (job.mode === "verify") {
        const fn = driver?.[name];
        if (typeof fn !== "function")
          throw new Error(`ctx.driver: driver.ts has no function "${name}"`);
        // Here each of the driver's candidate calls crosses the boundary under its own limit.
        return (await fn({ exports: candidate.exports, call: candidate.call }, ...args)) as T;
      }
      if (!js) throw new Error("ctx.driver needs a JS/TS candidate");
      return (await js.driver(name, args, driverLimitMs(parts))) as T;
    },
    invalid: (reason: string): never => {
      throw new InvalidCandidateError(reason);
    },
    log: (message: string) => {
      if (log.length < MAX_LOG_LINES) log.push(String(message).slice(0, MAX_LOG_LINE));
    },
  };
}
