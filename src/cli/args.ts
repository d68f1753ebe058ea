/** Flag parsing for commands, with errors that name the bad flag and the fix. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { StewardError } from "../errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs<T extends Options>(
  command: string,
  args: string[],
  options: T,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args,
      options: { help: { type: "boolean", short: "h" }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    };
  } catch (error) {
    throw new StewardError(
      "usage",
      `${(error as Error).message}\nRun "steward ${command} --help" for the options.`,
    );
  }
}

export function oneOf<T extends string>(
  flag: string,
  value: string | boolean | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new StewardError(
    "usage",
    `--${flag} must be one of ${allowed.join(", ")} (got "${String(value)}")`,
  );
}

export function integer(
  flag: string,
  value: string | boolean | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  // Whole decimal numbers only: Number() would also take "", " ", "0x10" and "1e3".
  const n = typeof value === "string" && /^[-+]?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new StewardError("usage", `--${flag} must be an integer (got "${String(value)}")`);
  }
  return n;
}

/** The one positional argument a command takes, or a usage error that shows the usage. */
export function onePositional(positionals: string[], what: string, usage: string): string {
  const [first] = positionals;
  if (positionals.length !== 1 || first === undefined) {
    throw new StewardError("usage", `expected one ${what}, got ${positionals.length}\n\n${usage}`);
  }
  return first;
}
