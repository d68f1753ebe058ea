/**
 * A charter that cannot be used. Every problem found is reported at once, each
 * naming the file, the key, what was found and what was expected, so a person
 * can fix them all in one pass.
 */
import { StewardError } from "../errors.ts";

export interface CharterProblem {
  /** The file, relative to where it was looked for (`steward.yaml`). */
  file: string;
  /** The dotted key (`objective.direction`, `constraints.0`), `line N` for a syntax error, "" for the whole file. */
  key: string;
  /** What the file holds there, quoted when it is a string (`"minimise"`, `nothing`). */
  found: string;
  /** What would be accepted (`one of "minimize" | "maximize"`). */
  expected: string;
}

export class CharterError extends StewardError {
  readonly problems: readonly CharterProblem[];

  constructor(problems: readonly CharterProblem[], options: { cause?: unknown } = {}) {
    super("charter-invalid", problems.map(formatCharterProblem).join("\n"), options);
    this.name = "CharterError";
    this.problems = problems;
  }
}

/** `steward.yaml: objective.direction: found "minimise", expected one of "minimize" | "maximize"` */
export function formatCharterProblem(problem: CharterProblem): string {
  const where = problem.key === "" ? problem.file : `${problem.file}: ${problem.key}`;
  return `${where}: found ${problem.found}, expected ${problem.expected}`;
}

/** A short description of a value found in a charter file. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === "object") {
    const json = shortJson(value);
    if (json !== null) return json;
    return Array.isArray(value) ? "a list" : "a mapping";
  }
  return String(value);
}

/** `value` as JSON when that is short; null when it is long, or too deep to write. */
function shortJson(value: object): string | null {
  try {
    const json = JSON.stringify(value);
    return json !== undefined && json.length <= 60 ? json : null;
  } catch {
    return null;
  }
}
