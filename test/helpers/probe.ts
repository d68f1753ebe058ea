/** Shared helpers for tests that evaluate fixture candidates against the probe problem. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type EvaluateOptions, evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../../src/evaluation/outcome.ts";
import { loadProblem, type Problem } from "../../src/problem/load-problem.ts";
import { sandboxUidRange } from "../../src/sandbox/identity.ts";
import { processesOfUidRange } from "./processes.ts";
import { waitUntil } from "./wait.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const PROBE_DIR = path.join(FIXTURES, "problems", "probe");

export function fixtureCandidate(name: string, replacements: Record<string, string> = {}): string {
  let code = fs.readFileSync(path.join(FIXTURES, "candidates", `${name}.ts`), "utf8");
  for (const [key, value] of Object.entries(replacements)) code = code.replaceAll(key, value);
  return code;
}

export function probeProblem(): Problem {
  return loadProblem(PROBE_DIR);
}

/**
 * The probe problem with time limits far above what growing to the memory cap
 * takes: on a machine kept busy by other work the 1.5 s call limit was seen
 * to end the growth first (a `timeout`: contained, but not by the limit tested).
 */
export function probeProblemWithRoomToGrow(): Problem {
  const problem = probeProblem();
  const limits = { ...problem.charter.limits, callTimeoutMs: 60_000, evalTimeoutMs: 120_000 };
  return { ...problem, charter: { ...problem.charter, limits } };
}

export async function evaluateFixture(
  name: string,
  options: Omit<EvaluateOptions, "code"> & {
    replacements?: Record<string, string>;
    problem?: Problem;
  } = {},
): Promise<EvaluationOutcome> {
  const { replacements, problem, ...rest } = options;
  return evaluateProgram(problem ?? probeProblem(), {
    ...rest,
    code: fixtureCandidate(name, replacements),
  });
}

/**
 * Waits until no candidate process of this worker is alive, and fails naming
 * each one left (pid, state, parent, command) after `withinMs`. Processes the
 * kernel is still tearing down on a busy machine are given that long; choose
 * it well below how long a leaked process would live (a fork bomb's children
 * sleep for minutes), so a real leak still fails.
 */
export async function expectNoSandboxLeft(withinMs = 20_000): Promise<void> {
  try {
    await waitUntil(() => leftoverSandboxProcesses().length === 0, "no sandbox process", withinMs);
  } catch {
    const left = leftoverSandboxProcesses().map(describeProcess);
    if (left.length > 0)
      throw new Error(
        `candidate processes alive ${withinMs} ms after the evaluation: ${left.join("; ")}`,
      );
  }
}

function describeProcess(pid: number): string {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(status)?.[1];
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return `${pid} (state ${field("State")}, parent ${field("PPid")}, uid ${field("Uid")?.split(/\s+/)[0]}: ${command})`;
  } catch {
    return `${pid} (gone while described)`;
  }
}

/** Candidate processes (throwaway uids) still alive; must be none between evaluations. */
export function leftoverSandboxProcesses(): number[] {
  // This test worker's own range (test/setup/sandbox-uids.ts), so that sandboxes
  // of tests running beside it are not counted.
  const { low, high } = sandboxUidRange();
  return processesOfUidRange(low, high);
}
