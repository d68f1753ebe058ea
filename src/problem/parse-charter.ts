/**
 * Validates a charter's parsed contents (from YAML or JSON) and reports every
 * problem at once as a {@link CharterError}: one entry per zod issue, each with
 * the file, the dotted key, what was found there and what was expected.
 */
import type { z } from "zod";
import type { Charter } from "./charter.ts";
import { CharterError, type CharterProblem, describeFound } from "./charter-errors.ts";
import { knownKeysAt } from "./charter-keys.ts";
import { CHARTER_KEYS, charterFileSchema, charterSchema } from "./charter-schema.ts";
import { didYouMean } from "./did-you-mean.ts";

/** Throws `CharterError` naming `file` when `data` is not a valid charter. */
export function parseCharter(data: unknown, file: string): Charter {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new CharterError([
      { file, key: "", found: describeFound(data), expected: "a mapping of charter keys" },
    ]);
  }
  const result = charterSchema.safeParse(data, { error: expectedText });
  if (result.success) return result.data;
  throw new CharterError(result.error.issues.flatMap((issue) => toProblems(issue, data, file)));
}

function toProblems(issue: z.core.$ZodIssue, data: unknown, file: string): CharterProblem[] {
  const key = issue.path.map(keyName).join(".");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(charterFileSchema, issue.path);
    return issue.keys.map((unknown) => {
      const hint = didYouMean(unknown, known) ?? hintElsewhere(unknown, key);
      const name = keyName(unknown);
      return {
        file,
        key: key === "" ? name : `${key}.${name}`,
        found: "an unknown key",
        expected: hint
          ? `a known key (did you mean "${hint}"?)`
          : `one of ${known.filter((k) => k !== "$schema").join(", ")}`,
      };
    });
  }
  return [{ file, key, found: describeFound(valueAt(data, issue.path)), expected: issue.message }];
}

/** A key as a part of a dotted key; an empty key is shown as `""`. */
function keyName(key: PropertyKey): string {
  return key === "" ? '""' : String(key);
}

/** The dotted key meant when a key is written at the wrong level (`memory_mb` at the top). */
function hintElsewhere(unknown: string, level: string): string | null {
  const others = Object.entries(CHARTER_KEYS)
    .filter(([path]) => path !== level)
    .flatMap(([path, keys]) => keys.map((k) => ({ k, dotted: path === "" ? k : `${path}.${k}` })));
  const match = didYouMean(
    unknown,
    others.map((o) => o.k),
  );
  return others.find((o) => o.k === match)?.dotted ?? null;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "null",
};

/**
 * Issue messages phrased as what was expected. Schemas that set their own
 * `error` override these (zod gives schema-level messages precedence).
 */
const expectedText: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}`;
    case "too_small":
      return issue.origin === "array"
        ? `a list of at least ${issue.minimum} items`
        : `${issue.origin === "string" ? "a string of length" : "a number"} ${issue.inclusive ? ">=" : ">"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array"
        ? `a list of at most ${issue.maximum} items`
        : `${issue.origin === "string" ? "a string of length" : "a number"} ${issue.inclusive ? "<=" : "<"} ${issue.maximum}`;
    case "invalid_format":
      return issue.format === "regex" && issue.pattern
        ? `a string matching ${issue.pattern}`
        : `a ${issue.format} string`;
    case "invalid_key":
      return issue.issues.map((inner) => inner.message).join("; ");
    default:
      return undefined;
  }
};
