/** Opens a problem, its store and its ledger for one command, and closes them after. */

import { describeError, StewardError } from "../errors.ts";
import { Ledger } from "../ledger/ledger.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { openProblemStore } from "../store/problem-store.ts";
import type { Store } from "../store/store.ts";
import type { CommandIO } from "./command.ts";

export interface ProblemSession {
  problem: Problem;
  store: Store;
  ledger: Ledger;
}

export async function withProblem<T>(
  folder: string,
  fn: (session: ProblemSession) => T | Promise<T>,
): Promise<T> {
  const problem = loadProblem(folder);
  const store = openProblemStore(problem.dir);
  try {
    return await fn({ problem, store, ledger: new Ledger(store, problem.dir) });
  } finally {
    store.close();
  }
}

/** A proposal id argument: a positive integer, or a usage error naming it. */
export function proposalId(text: string | undefined, usage: string): number {
  const id = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1) {
    throw new StewardError(
      "usage",
      `expected a proposal id (a positive integer, see "steward review PROBLEM"), got ${text === undefined ? "nothing" : `"${text}"`}\n\n${usage}`,
    );
  }
  return id;
}

/** The two positionals PROBLEM ID. */
export function problemAndId(positionals: string[], usage: string): [string, number] {
  const [folder, id] = positionals;
  if (positionals.length !== 2 || folder === undefined) {
    throw new StewardError(
      "usage",
      `expected PROBLEM and a proposal ID, got ${positionals.length} argument(s)\n\n${usage}`,
    );
  }
  return [folder, proposalId(id, usage)];
}

/** A required string flag, or a usage error naming it. */
export function requiredFlag(
  value: string | boolean | undefined,
  flag: string,
  what: string,
  usage: string,
): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new StewardError("usage", `--${flag} ${what} is required\n\n${usage}`);
  }
  return value;
}

/**
 * Ledgers a safety action (stop, pause, resume) that already took effect: a
 * problem or ledger that cannot be written gets a warning, never stands in the way.
 */
export async function ledgerAction(
  io: CommandIO,
  folder: string,
  kind: "stop" | "pause" | "resume",
  data: Record<string, unknown>,
): Promise<void> {
  try {
    await withProblem(folder, ({ ledger }) => ledger.append(kind, data));
  } catch (error) {
    io.err(`steward: warning: the ${kind} is not recorded in the ledger: ${describeError(error)}`);
  }
}
