/**
 * Property tests of charter reading: whatever a charter file holds (random
 * text, random values, near-valid charters with one key broken), reading it
 * either gives a `Charter` with only finite numbers, or throws a `CharterError`
 * whose every problem names the file, the key and what was expected. And every
 * charter the schema allows parses, from an object, from YAML and from JSON.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Charter } from "./charter.ts";
import { CharterError, type CharterProblem, formatCharterProblem } from "./charter-errors.ts";
import { MODEL_SPEC_PATTERN } from "./charter-mutators.ts";
import { PUBLIC_KEY_PATTERN } from "./charter-oversight.ts";
import { CHARTER_KEYS, NAME_PATTERN } from "./charter-schema.ts";
import { METRIC_NAME_PATTERN } from "./constraint.ts";
import { parseCharter } from "./parse-charter.ts";
import { readCharter } from "./read-charter.ts";

const FILE = "steward.yaml";
const MINIMAL = {
  name: "demo",
  program: "program.ts",
  objective: { metric: "error", direction: "minimize" },
};

// --- Valid charters, key by key, as the schema allows them -----------------

const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,11}$/);
const relativePath = (ext: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(segment, { maxLength: 2 }), segment, ext)
    .map(([dirs, base, e]) => [...dirs, `${base}${e}`].join("/"));
const metricName = fc.stringMatching(METRIC_NAME_PATTERN).filter((m) => m.length <= 100);
const modelSpec = fc.stringMatching(MODEL_SPEC_PATTERN);
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const optionalKeys = <T extends Record<string, unknown>>(
  shape: {
    [K in keyof T]: fc.Arbitrary<T[K]>;
  },
) => fc.record(shape, { requiredKeys: [] });

/** Program, language and run that agree (the schema's cross-key rule). */
const programAndLanguage = fc.oneof(
  fc.record({
    program: relativePath(fc.constantFrom(".ts", ".mts", ".js", ".mjs")),
    language: fc.constantFrom(undefined, "typescript", "javascript"),
  }),
  fc.record({
    program: relativePath(fc.constant(".py")),
    language: fc.constantFrom(undefined, "python"),
    run: fc.constantFrom(undefined, null, ["python3", "{program}"], ["uv", "run", "{program}"]),
  }),
  fc.record({
    program: relativePath(fc.constantFrom("", ".sh", ".rb", ".bin")),
    language: fc.constant("command"),
    run: fc.constantFrom(["./{program}"], ["bash", "{program}", "--fast"]),
  }),
);

const duration = fc
  .tuple(fc.nat(48), fc.nat(59), fc.nat(59))
  .filter(([h, m, s]) => h + m + s > 0)
  .map(([h, m, s]) => `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`);

const constraint = fc
  .tuple(metricName, fc.constantFrom("<=", "<", ">=", ">", "=="), finite(-1e12, 1e12))
  .map(([metric, op, value]) => `${metric} ${op} ${value}`);

const mutator = fc.oneof(
  modelSpec,
  optionalKeys({
    weight: finite(1e-6, 1e6).filter((w) => w > 0),
    temperature: fc.oneof(fc.constant(null), finite(0, 2)),
    max_tokens: fc.integer({ min: 1, max: 1_000_000 }),
    timeout_ms: fc.integer({ min: 1000, max: 3_600_000 }),
  }).chain((options) => modelSpec.map((model) => ({ model, ...options }))),
);

const validCharterFile: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record({
      name: fc.stringMatching(NAME_PATTERN).filter((n) => n.length <= 64),
      objective: fc.record({
        metric: metricName,
        direction: fc.constantFrom("minimize", "maximize"),
      }),
    }),
    programAndLanguage,
    optionalKeys({
      $schema: fc.string(),
      description: fc.string({ maxLength: 200 }),
      evaluator: relativePath(fc.constantFrom(".ts", ".js")),
      driver: fc.oneof(fc.constant(null), relativePath(fc.constant(".ts"))),
      constraints: fc.array(constraint, { maxLength: 3 }),
      sandbox: fc.constantFrom("any", "strict"),
      policy_scan: fc.constantFrom("block", "flag", "off"),
      limits: optionalKeys({
        call_timeout_ms: fc.integer({ min: 1, max: 3_600_000 }),
        eval_timeout_ms: fc.integer({ min: 1, max: 86_400_000 }),
        memory_mb: fc.integer({ min: 16, max: 262_144 }),
        max_processes: fc.integer({ min: 1, max: 4096 }),
        max_output_bytes: fc.integer({ min: 1, max: 2 ** 30 }),
        max_write_bytes: fc.integer({ min: 1, max: 2 ** 34 }),
      }),
      gates: optionalKeys({
        margin: finite(0, 1e9),
        verify: optionalKeys({ enabled: fc.boolean(), tolerance: finite(0, 1) }),
        stability: optionalKeys({
          runs: fc.integer({ min: 0, max: 100 }),
          max_relative_spread: finite(0, 10),
        }),
        holdout: optionalKeys({
          enabled: fc.boolean(),
          split: fc.string({ minLength: 1, maxLength: 20 }),
          max_gap: fc.oneof(fc.constant(null), finite(0, 1e6)),
        }),
        resources: optionalKeys({
          max_slowdown: finite(1, 100),
          max_memory_growth: finite(1, 100),
        }),
        implausible: optionalKeys({ factor: finite(1, 1000) }),
      }),
      approvals: optionalKeys({
        required: fc.integer({ min: 1, max: 100 }),
        approvers: fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 100 }),
            key: fc.stringMatching(PUBLIC_KEY_PATTERN),
          }),
          { maxLength: 3 },
        ),
      }),
      deploy: optionalKeys({
        target: fc.oneof(fc.constant(null), relativePath(fc.constant(".ts"))),
        auto: fc.boolean(),
        git: fc.boolean(),
      }),
      budget: optionalKeys({
        evaluations: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 1e9 })),
        time: fc.oneof(fc.constant(null), duration),
        tokens: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 1e12 })),
        money: fc.oneof(fc.constant(null), finite(0.01, 1e6)),
      }),
      mutators: fc.array(mutator, { minLength: 1, maxLength: 3 }),
      novelty: optionalKeys({
        threshold: finite(0, 1),
        max_resamples: fc.integer({ min: 0, max: 20 }),
      }),
      meta_notes: optionalKeys({
        every: fc.integer({ min: 0, max: 1e6 }),
        model: fc.oneof(fc.constant(null), modelSpec),
      }),
      repair: optionalKeys({ max_per_lineage: fc.integer({ min: 0, max: 10 }) }),
      prices: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.record({ input: finite(0, 1000), output: finite(0, 1000) }),
        { maxKeys: 3 },
      ),
    }),
  )
  .map(([required, program, rest]) => withoutUndefined({ ...required, ...program, ...rest }));

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

// --- Broken values ---------------------------------------------------------

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

/** Values that do not belong where the schema expects something specific. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    0,
    -0,
    0.5,
    1e308,
    -1e308,
    2 ** 53 + 2,
    true,
    false,
    "",
    " ",
    "..",
    "../outside.ts",
    "/etc/passwd",
    "C:\\x.ts",
    "a\0b",
    "nope",
    "ed25519:short=",
    "openai:",
    "gp@x",
    "0s",
    "1e400",
    "9".repeat(400),
    `${"9".repeat(400)}h`,
    "-5m",
    "1.5.5s",
    [],
    {},
    [null],
    { "": null },
    { __proto__: null, x: 1 },
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true }),
  fc.constantFrom(
    nested(3000, (v) => ({ a: v })),
    nested(3000, (v) => [v]),
    "x".repeat(200_000),
  ),
);

/** Every key path the schema knows, for "break this one key" mutations. */
const KEY_PATHS: readonly (readonly (string | number)[])[] = [
  ...Object.entries(CHARTER_KEYS).flatMap(([at, keys]) =>
    keys.map((key) => [...(at === "" ? [] : at.split(".")), key]),
  ),
  ["constraints", 0],
  ["mutators", 0],
  ["mutators", 0, "model"],
  ["mutators", 0, "weight"],
  ["mutators", 0, "temperature"],
  ["approvals", "approvers", 0],
  ["approvals", "approvers", 0, "key"],
  ["approvals", "approvers", 0, "name"],
  ["gates", "verify", "tolerance"],
  ["gates", "stability", "runs"],
  ["gates", "holdout", "max_gap"],
  ["gates", "resources", "max_slowdown"],
  ["novelty", "threshold"],
  ["meta_notes", "model"],
  ["repair", "max_per_lineage"],
  ["prices", "openai:gpt-4.1-mini"],
  ["prices", "openai:gpt-4.1-mini", "input"],
  ["run", 0],
];

/** A deep copy of `data` with `value` at `keyPath`, making containers on the way. */
function setAt(data: unknown, keyPath: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = keyPath;
  if (head === undefined) return value;
  const mapping = typeof data === "object" && data !== null && !Array.isArray(data);
  // Paths index lists at 0 only, so a copied list never has holes.
  const container = (
    typeof head === "number" ? (Array.isArray(data) ? [...data] : []) : mapping ? { ...data } : {}
  ) as Record<string | number, unknown>;
  // Defined, not assigned, so that "__proto__" is a key like any other (as JSON.parse makes it).
  Object.defineProperty(container, head, {
    value: setAt(container[head], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return container;
}

// --- What every answer must look like --------------------------------------

/** Parses, and checks the answer is a sound Charter or a clear CharterError. */
function parseOrProblems(read: () => Charter, file: string): Charter | CharterProblem[] {
  let charter: Charter;
  try {
    charter = read();
  } catch (error) {
    if (!(error instanceof CharterError)) throw error;
    expectClear(error, file);
    return [...error.problems];
  }
  expectSound(charter);
  return charter;
}

function expectClear(error: CharterError, file: string): void {
  expect(error.code).toBe("charter-invalid");
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(problem.file).toBe(file);
    expect(typeof problem.key).toBe("string");
    expect(problem.found).toMatch(/\S/);
    expect(problem.expected).toMatch(/\S/);
    // zod's own wording, an empty list, or text that leaked from a value's type.
    expect(problem.expected).not.toMatch(/^Invalid|^one of\s*$|undefined|\[object /);
    expect(problem.found.length + problem.expected.length).toBeLessThan(1000);
    expect(formatCharterProblem(problem)).toMatch(new RegExp(`^${file}(: |$)`));
    if (problem.key === "") expect(problem.expected).toMatch(/mapping|YAML|JSON|charter file/);
  }
  expect(error.message).not.toMatch(/\n\s+at /);
}

/** Every number of a parsed charter is finite; the budget's time is whole milliseconds. */
function expectSound(charter: Charter): void {
  const walk = (value: unknown, where: string): void => {
    if (typeof value === "number") expect(Number.isFinite(value), where).toBe(true);
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    } else expect(["string", "boolean", "object"], where).toContain(typeof value);
  };
  walk(charter, "charter");
  const { timeMs } = charter.budget;
  if (timeMs !== null) expect(Number.isSafeInteger(timeMs) && timeMs > 0).toBe(true);
}

const dotted = (keyPath: readonly (string | number)[]) => keyPath.join(".");

/** Whether a problem is about `keyPath`, the key around it, or the keys that decide the language. */
function isAbout(problem: CharterProblem, keyPath: readonly (string | number)[]): boolean {
  const key = dotted(keyPath);
  const parent = dotted(keyPath.slice(0, -1));
  const language = ["program", "language", "run"];
  if (language.includes(String(keyPath[0])) && language.includes(problem.key.split(".")[0] ?? ""))
    return true;
  return (
    problem.key === key ||
    problem.key.startsWith(`${key}.`) ||
    key.startsWith(`${problem.key}.`) ||
    (parent !== "" && problem.key.startsWith(`${parent}.`))
  );
}

// --- Properties ------------------------------------------------------------

describe("parseCharter: properties", () => {
  it("parses every charter the schema allows", () => {
    fc.assert(
      fc.property(validCharterFile, (data) => {
        const charter = parseCharter(data, FILE);
        expectSound(charter);
        expect(charter.name).toBe(data.name);
      }),
      { numRuns: 300 },
    );
  });

  it("reads any value as a Charter or a clear CharterError", () => {
    fc.assert(
      fc.property(fc.oneof(badValue, fc.anything({ withNullPrototype: true })), (data) => {
        parseOrProblems(() => parseCharter(data, FILE), FILE);
      }),
      { numRuns: 300 },
    );
  });

  it("names the broken key when one key of a valid charter is broken", () => {
    fc.assert(
      fc.property(
        validCharterFile,
        fc.constantFrom(...KEY_PATHS),
        badValue,
        (data, keyPath, value) => {
          const broken = setAt(data, keyPath, value);
          const answer = parseOrProblems(() => parseCharter(broken, FILE), FILE);
          if (Array.isArray(answer))
            expect(
              answer.some((p) => isAbout(p, keyPath)),
              `${dotted(keyPath)} in ${JSON.stringify(answer)}`,
            ).toBe(true);
        },
      ),
      {
        numRuns: 500,
        // Found before: an endless budget, zod's "Invalid input", a problem too deep to describe.
        examples: [
          [MINIMAL, ["budget", "time"], "9".repeat(400)],
          [MINIMAL, ["budget", "time"], `${"9".repeat(400)}h`],
          [MINIMAL, ["mutators", 0], 42],
          [MINIMAL, ["prices", ""], { input: 1, output: 1 }],
          [MINIMAL, ["name"], nested(10_000, (v) => [v])],
        ],
      },
    );
  });

  it("names an unknown key with a hint or the keys it knows", () => {
    const objectPaths = [
      [],
      ...Object.keys(CHARTER_KEYS)
        .filter((k) => k !== "")
        .map((k) => k.split(".")),
    ];
    fc.assert(
      fc.property(
        validCharterFile,
        fc.constantFrom(
          ...objectPaths,
          ["mutators", 0],
          ["approvals", "approvers", 0],
          ["prices", "m:x"],
        ),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.constantFrom("__proto__", "constructor", "toString", "memoryMb", "enabld", "wieght"),
        ),
        (data, at, key) => {
          const known = CHARTER_KEYS[at.join(".")] ?? [];
          fc.pre(!known.includes(key));
          const broken = setAt(data, [...at, key], 1);
          const answer = parseOrProblems(() => parseCharter(broken, FILE), FILE);
          expect(Array.isArray(answer)).toBe(true);
        },
      ),
      {
        numRuns: 300,
        examples: [
          [MINIMAL, ["gates", "verify"], "enabld"],
          [MINIMAL, ["mutators", 0], "wieght"],
          [MINIMAL, [], ""],
        ],
      },
    );
  });
});

describe("readCharter: properties", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-charter-fuzz-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("reads every valid charter from YAML and from JSON as parseCharter does", () => {
    fc.assert(
      fc.property(validCharterFile, (data) => {
        const expected = parseCharter(data, "steward.yaml");
        expect(readCharter(write("steward.yaml", stringify(data)))).toEqual(expected);
        expect(readCharter(write("steward.json", JSON.stringify(data)))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  /** Texts: random, random values written as YAML/JSON, and valid charters with a few characters changed. */
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .tuple(validCharterFile, fc.boolean(), fc.nat(), fc.nat(40), fc.string({ maxLength: 5 }))
      .map(([data, yaml, at, cut, insert]) => {
        const whole = yaml ? stringify(data) : JSON.stringify(data, null, 2);
        const i = at % (whole.length + 1);
        return whole.slice(0, i) + insert + whole.slice(i + (cut % 4));
      }),
    fc.constantFrom(
      "",
      "---\n",
      "~",
      "name: [",
      "a: &a [*a]",
      "a: !!binary aGVsbG8=",
      "a: !!set {x}",
      "<<: {name: x}",
      "name: demo\nname: demo",
      "? [a]\n: b",
      `a: ${"[".repeat(5000)}${"]".repeat(5000)}`,
      `{"name": ${"[".repeat(5000)}${"]".repeat(5000)}}`,
      `a: &a ${"x".repeat(10)}\n${Array.from({ length: 200 }, (_, i) => `b${i}: *a`).join("\n")}`,
      "\uFEFFname: demo",
      `name: "${"x".repeat(300_000)}"`,
    ),
  );

  it("reads any text as a Charter or a clear CharterError", () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom("steward.yaml", "steward.yml", "steward.json"),
        (t, name) => {
          parseOrProblems(() => readCharter(write(name, t)), name);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("reports a charter that is a folder, not a file", () => {
    const folder = path.join(dir, "sub");
    fs.mkdirSync(path.join(folder, "steward.yaml"), { recursive: true });
    const problems = parseOrProblems(() => readCharter(path.join(folder, "steward.yaml")), FILE);
    expect(problems).toEqual([
      expect.objectContaining({ file: FILE, key: "", found: expect.stringMatching(/EISDIR/) }),
    ]);
  });
});
