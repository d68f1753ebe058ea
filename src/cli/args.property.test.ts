/**
 * Property tests of flag parsing: any argument list either parses or throws a
 * usage `StewardError` that names the command's help; flag values become
 * numbers or choices only when they are exactly that, and the errors name the flag.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StewardError } from "../errors.ts";
import { integer, oneOf, onePositional, parseCommandArgs } from "./args.ts";

function usageError(fn: () => unknown): StewardError | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe("usage");
    return error as StewardError;
  }
}

const OPTIONS = {
  seed: { type: "string" },
  json: { type: "boolean" },
  output: { type: "string", short: "o" },
} as const;

const token = fc.oneof(
  fc.constantFrom("--seed", "--json", "-o", "--output", "-h", "--help", "--", "-", "--json=1"),
  fc.stringMatching(/^--?[a-z-]{0,8}(=.{0,4})?$/),
  fc.string({ maxLength: 8 }),
);

describe("parseCommandArgs: properties", () => {
  it("parses any argument list or throws a usage error pointing at the help", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (args) => {
        const error = usageError(() => parseCommandArgs("demo", args, OPTIONS));
        if (error) expect(error.message).toMatch(/Run "steward demo --help" for the options\.$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("integer: properties", () => {
  it("reads every safe integer written in decimal", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom("", "+"), (n, sign) => {
        const text = n < 0 ? String(n) : `${sign}${n}`;
        expect(integer("seed", text, 7)).toBe(n);
      }),
    );
  });

  it("rejects anything else, naming the flag and the value", () => {
    const notDecimal = fc
      .oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom("", " ", " 1", "1 ", "0x10", "1e3", "1.5", "1.0", "NaN", "Infinity"),
        fc.constantFrom("9007199254740993", "-9007199254740993", "99999999999999999999"),
      )
      .filter((s) => !/^[-+]?\d+$/.test(s) || !Number.isSafeInteger(Number(s)));
    fc.assert(
      fc.property(notDecimal, (text) => {
        const error = usageError(() => integer("seed", text, 7));
        expect(error?.message).toBe(`--seed must be an integer (got "${text}")`);
      }),
      { numRuns: 300 },
    );
    expect(usageError(() => integer("seed", true, 7))?.message).toMatch(/^--seed/);
    expect(integer("seed", undefined, 7)).toBe(7);
  });
});

describe("oneOf and onePositional: properties", () => {
  it("accepts exactly the allowed values", () => {
    const allowed = ["search", "verify"] as const;
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...allowed), fc.string({ maxLength: 8 })), (text) => {
        const error = usageError(() => oneOf("mode", text, allowed, "search"));
        expect(error === null).toBe((allowed as readonly string[]).includes(text));
        if (error) expect(error.message).toMatch(/^--mode must be one of search, verify/);
      }),
    );
  });

  it("takes exactly one positional", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 3 }), (positionals) => {
        const error = usageError(() => onePositional(positionals, "PROBLEM folder", "Usage: x"));
        expect(error === null).toBe(positionals.length === 1);
        if (error) expect(error.message).toMatch(/^expected one PROBLEM folder, got \d+/);
      }),
    );
  });
});
