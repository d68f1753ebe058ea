import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../sandbox/limits.ts";
import { CharterError, type CharterProblem } from "./charter-errors.ts";
import { parseCharter } from "./parse-charter.ts";

const minimal = {
  name: "demo",
  program: "program.ts",
  objective: { metric: "error", direction: "minimize" },
};

function problemsOf(data: unknown): CharterProblem[] {
  try {
    parseCharter(data, "steward.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(CharterError);
    expect((error as CharterError).code).toBe("charter-invalid");
    return [...(error as CharterError).problems];
  }
  throw new Error("expected the charter to be rejected");
}

/** The single problem a charter has. */
function onlyProblem(data: unknown): CharterProblem {
  const problems = problemsOf(data);
  expect(problems).toHaveLength(1);
  return problems[0] as CharterProblem;
}

describe("parseCharter: valid charters", () => {
  it("fills in every default for a minimal charter", () => {
    expect(parseCharter(minimal, "steward.yaml")).toEqual({
      name: "demo",
      description: "",
      program: "program.ts",
      language: "typescript",
      run: null,
      evaluator: "evaluate.ts",
      driver: null,
      objective: { metric: "error", direction: "minimize" },
      constraints: [],
      sandbox: "any",
      limits: DEFAULT_LIMITS,
      autoEvalTimeout: null,
      policyScan: "block",
      gates: {
        margin: 0,
        verify: { enabled: true, tolerance: 1e-9 },
        stability: { runs: 2, maxRelativeSpread: 0.01 },
        holdout: { enabled: true, split: "holdout", maxGap: null },
        resources: { maxSlowdown: 2, maxMemoryGrowth: 2 },
        implausible: { factor: 10 },
        minInterval: null,
      },
      approvals: { required: 1, approvers: [] },
      deploy: { target: "program.ts", auto: false, git: false },
      budget: { evaluations: null, timeMs: null, tokens: null, money: null },
      ledger: { publicKey: null },
      mutators: [
        { model: "gp", weight: 1, temperature: null, maxTokens: 4096, timeoutMs: 120_000 },
      ],
      mutatorModules: [],
      novelty: { threshold: 0.97, maxResamples: 3 },
      metaNotes: { every: 50, model: null },
      repair: { maxPerLineage: 2 },
      prices: {},
    });
  });

  it("reads the oversight and mutator sections", () => {
    const charter = parseCharter(
      {
        ...minimal,
        gates: {
          margin: 0.5,
          stability: { runs: 0 },
          holdout: { max_gap: 1 },
          min_interval: { evaluations: 50, time: "10m" },
        },
        approvals: {
          required: 2,
          approvers: [{ name: "ada", key: `ed25519:${"A".repeat(43)}=` }],
        },
        deploy: { target: "out/best.ts", git: true },
        budget: { evaluations: 10, time: "1h30m", money: 2.5 },
        mutators: ["gp", { model: "openai:gpt-4.1-mini@http://127.0.0.1:9/v1", weight: 2 }],
        prices: { "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 } },
      },
      "steward.yaml",
    );
    expect(charter.gates.margin).toBe(0.5);
    expect(charter.gates.stability.runs).toBe(0);
    expect(charter.gates.holdout.maxGap).toBe(1);
    expect(charter.gates.minInterval).toEqual({ evaluations: 50, timeMs: 600_000 });
    expect(charter.approvals.required).toBe(2);
    expect(charter.deploy).toEqual({ target: "out/best.ts", auto: false, git: true });
    expect(charter.budget).toEqual({
      evaluations: 10,
      timeMs: 5_400_000,
      tokens: null,
      money: 2.5,
    });
    expect(charter.mutators.map((m) => [m.model, m.weight])).toEqual([
      ["gp", 1],
      ["openai:gpt-4.1-mini@http://127.0.0.1:9/v1", 2],
    ]);
    expect(charter.prices["openai:gpt-4.1-mini"]?.output).toBe(1.6);
  });

  it("names the bad key in the oversight sections", () => {
    const bad = (data: unknown) => onlyProblem({ ...minimal, ...(data as object) });
    expect(bad({ approvals: { approvers: [{ name: "x", key: "rsa:abc" }] } }).key).toBe(
      "approvals.approvers.0.key",
    );
    expect(bad({ budget: { time: "soon" } }).key).toBe("budget.time");
    expect(bad({ gates: { min_interval: { time: "later" } } }).key).toBe("gates.min_interval.time");
    expect(bad({ gates: { min_interval: { evaluations: 0 } } }).key).toBe(
      "gates.min_interval.evaluations",
    );
    expect(bad({ deploy: { target: "../outside.ts" } }).key).toBe("deploy.target");
    expect(bad({ mutators: ["gpt4"] }).key).toBe("mutators.0");
    for (const module of ["/abs/m.ts", "../m.ts", "m.py"])
      expect(bad({ mutators: [{ module }] })).toMatchObject({
        key: "mutators.0.module",
        expected: expect.stringContaining(
          "a .ts, .mts, .js or .mjs file inside the problem folder",
        ),
      });
    expect(bad({ mutators: [{ module: "./m.ts", export: "not a name" }] }).key).toBe(
      "mutators.0.export",
    );
  });

  it("reads module entries beside models, keeping models and modules apart", () => {
    const charter = parseCharter(
      {
        ...minimal,
        mutators: [
          { module: "./mine.ts", export: "make", options: { step: 2 }, weight: 3 },
          "gp",
          { module: "lib/other.mjs" },
        ],
      },
      "s.yaml",
    );
    expect(charter.mutators.map((m) => m.model)).toEqual(["gp"]);
    expect(charter.mutatorModules).toEqual([
      { module: "./mine.ts", export: "make", options: { step: 2 }, weight: 3 },
      { module: "lib/other.mjs", export: "default", options: undefined, weight: 1 },
    ]);
  });

  it("pins the ledger key, and says where to find one that is malformed", () => {
    const key = `ed25519:${"B".repeat(43)}=`;
    expect(parseCharter({ ...minimal, ledger: { public_key: key } }, "s.yaml").ledger).toEqual({
      publicKey: key,
    });
    const problem = onlyProblem({ ...minimal, ledger: { public_key: "B".repeat(43) } });
    expect(problem.key).toBe("ledger.public_key");
    expect(problem.expected).toMatch(/steward audit key PROBLEM.*"ed25519:"/);
    expect(onlyProblem({ ...minimal, ledger: { key: key } }).key).toMatch(/^ledger/);
  });

  it("reads a full charter, snake_case to camelCase", () => {
    const charter = parseCharter(
      {
        $schema: "../schema/steward.schema.json",
        name: "full-1",
        description: "text",
        program: "src/solve.py",
        run: ["python3", "-u", "{program}"],
        evaluator: "eval/score.ts",
        driver: "driver.ts",
        objective: { metric: "score", direction: "maximize" },
        constraints: ["time_ms <= 2000", "  mem>=1e3 ", "x == -0.5", "y<3", "z > .5"],
        sandbox: "strict",
        queue: "redis://127.0.0.1:6379/2",
        max_in_flight: 12,
        limits: {
          call_timeout_ms: 1000,
          eval_timeout_ms: 5000,
          memory_mb: 64,
          max_processes: 8,
          max_output_bytes: 4096,
          max_write_bytes: 8192,
        },
      },
      "steward.yaml",
    );
    expect(charter).toMatchObject({
      language: "python",
      run: ["python3", "-u", "{program}"],
      driver: "driver.ts",
      sandbox: "strict",
      queue: "redis://127.0.0.1:6379/2",
      maxInFlight: 12,
      constraints: [
        { metric: "time_ms", op: "<=", value: 2000 },
        { metric: "mem", op: ">=", value: 1000 },
        { metric: "x", op: "==", value: -0.5 },
        { metric: "y", op: "<", value: 3 },
        { metric: "z", op: ">", value: 0.5 },
      ],
      limits: {
        callTimeoutMs: 1000,
        evalTimeoutMs: 5000,
        memoryMb: 64,
        maxProcesses: 8,
        maxOutputBytes: 4096,
        maxWriteBytes: 8192,
      },
    });
  });

  it.each([
    ["program.ts", "typescript", null],
    ["program.mts", "typescript", null],
    ["program.js", "javascript", null],
    ["program.mjs", "javascript", null],
    ["program.py", "python", ["python3", "{program}"]],
  ])("infers the language of %s", (program, language, run) => {
    expect(parseCharter({ ...minimal, program }, "steward.yaml")).toMatchObject({ language, run });
  });

  it("takes an explicit command language with its run", () => {
    const charter = parseCharter(
      { ...minimal, program: "solve.rb", language: "command", run: ["ruby", "{program}"] },
      "steward.yaml",
    );
    expect(charter).toMatchObject({ language: "command", run: ["ruby", "{program}"] });
  });

  it("fills in missing limits one by one", () => {
    const charter = parseCharter({ ...minimal, limits: { memory_mb: 128 } }, "steward.yaml");
    expect(charter.limits).toEqual({ ...DEFAULT_LIMITS, memoryMb: 128 });
  });
});

describe("parseCharter: each problem names the file, the key, what was found and expected", () => {
  it.each<[string, unknown, Partial<CharterProblem>]>([
    [
      "an enum value",
      { ...minimal, objective: { metric: "error", direction: "minimise" } },
      {
        key: "objective.direction",
        found: '"minimise"',
        expected: 'one of "minimize" | "maximize"',
      },
    ],
    ["a missing key", { ...minimal, program: undefined }, { key: "program", found: "nothing" }],
    [
      "a bad name",
      { ...minimal, name: "My Problem" },
      { key: "name", found: '"My Problem"', expected: expect.stringMatching(/lowercase/) },
    ],
    [
      "a wrong type",
      { ...minimal, description: 42 },
      { key: "description", found: "42", expected: "a string" },
    ],
    [
      "a mapping expected",
      { ...minimal, objective: "error" },
      { key: "objective", expected: "a mapping" },
    ],
    [
      "a fractional limit",
      { ...minimal, limits: { memory_mb: 1.5 } },
      { key: "limits.memory_mb", found: "1.5", expected: "an integer from 16 to 262144" },
    ],
    [
      "a limit out of range",
      { ...minimal, limits: { max_processes: 0 } },
      { key: "limits.max_processes", found: "0", expected: "an integer from 1 to 4096" },
    ],
    [
      "a bad constraint",
      { ...minimal, constraints: ["time_ms <= 2000", "time_ms ~ 3"] },
      {
        key: "constraints.1",
        found: '"time_ms ~ 3"',
        expected: expect.stringMatching(/<metric> <op> <number>/),
      },
    ],
    [
      "an unknown language",
      { ...minimal, language: "rust" },
      { key: "language", found: '"rust"', expected: expect.stringMatching(/^one of "typescript"/) },
    ],
    [
      "an extension without a language",
      { ...minimal, program: "solve.rb" },
      {
        key: "language",
        found: "nothing",
        expected: expect.stringMatching(/"command" and give run/),
      },
    ],
    [
      "a command without run",
      { ...minimal, program: "solve.rb", language: "command" },
      {
        key: "run",
        found: "nothing",
        expected: expect.stringMatching(/required when language is "command"/),
      },
    ],
    [
      "a run without {program}",
      { ...minimal, program: "solve.py", run: ["python3", "solve.py"] },
      {
        key: "run",
        found: '["python3","solve.py"]',
        expected: expect.stringMatching(/containing "\{program\}"/),
      },
    ],
    [
      "a run for a TypeScript program",
      { ...minimal, run: ["node", "{program}"] },
      { key: "run", expected: expect.stringMatching(/^no run for a typescript program/) },
    ],
    [
      "a max_in_flight below 1",
      { ...minimal, max_in_flight: 0 },
      { key: "max_in_flight", found: "0" },
    ],
    [
      "a sandbox requirement",
      { ...minimal, sandbox: "bubblewrap" },
      { key: "sandbox", found: '"bubblewrap"', expected: 'one of "any" | "strict" | "process"' },
    ],
  ])("%s", (_what, data, expected) => {
    expect(onlyProblem(data)).toMatchObject({ file: "steward.yaml", ...expected });
  });

  it("formats one line per problem", () => {
    const data = { ...minimal, name: "X", objective: { metric: "error", direction: "minimise" } };
    expect(() => parseCharter(data, "steward.yaml")).toThrow(
      [
        'steward.yaml: name: found "X", expected lowercase letters, digits and dashes, starting with a letter or digit',
        'steward.yaml: objective.direction: found "minimise", expected one of "minimize" | "maximize"',
      ].join("\n"),
    );
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({
      name: "Bad Name",
      program: "../outside.ts",
      objective: { metric: "error", direction: "up" },
      limits: { call_timeout_ms: -1, eval_timeout: 5 },
      constraints: [3],
      colour: "blue",
    });
    expect(problems.map((p) => p.key).sort()).toEqual([
      "colour",
      "constraints.0",
      "limits.call_timeout_ms",
      "limits.eval_timeout",
      "name",
      "objective.direction",
      "program",
    ]);
    expect(problems.every((p) => p.file === "steward.yaml")).toBe(true);
  });

  it("rejects a file that is not a mapping", () => {
    expect(onlyProblem(["a", "list"])).toMatchObject({
      key: "",
      expected: "a mapping of charter keys",
    });
    expect(onlyProblem(null)).toMatchObject({ key: "", found: "null" });
    expect(onlyProblem(undefined)).toMatchObject({ key: "", found: "nothing" });
  });
});

describe("parseCharter: unknown keys", () => {
  it("hints at the closest known key", () => {
    expect(onlyProblem({ ...minimal, evalutor: "x.ts" })).toEqual({
      file: "steward.yaml",
      key: "evalutor",
      found: "an unknown key",
      expected: 'a known key (did you mean "evaluator"?)',
    });
    expect(onlyProblem({ ...minimal, limits: { callTimeoutMs: 5 } }).expected).toBe(
      'a known key (did you mean "call_timeout_ms"?)',
    );
  });

  it("hints at a key that belongs elsewhere", () => {
    expect(onlyProblem({ ...minimal, memory_mb: 64 }).expected).toBe(
      'a known key (did you mean "limits.memory_mb"?)',
    );
  });

  it("lists the known keys when nothing is close", () => {
    expect(
      onlyProblem({ ...minimal, objective: { ...minimal.objective, zzzzzzzz: 1 } }),
    ).toMatchObject({
      key: "objective.zzzzzzzz",
      expected: "one of metric, direction",
    });
  });
});

describe("parseCharter: paths stay in the problem folder", () => {
  it.each([
    "../program.ts",
    "a/../../program.ts",
    "/etc/passwd",
    "C:\\x\\p.ts",
    "..\\p.ts",
    "",
    ".",
  ])("rejects %j", (program) => {
    expect(onlyProblem({ ...minimal, program })).toMatchObject({
      key: "program",
      found: JSON.stringify(program),
      expected: expect.stringMatching(/relative path inside the problem folder/),
    });
  });

  it("checks the evaluator and driver too", () => {
    const problems = problemsOf({ ...minimal, evaluator: "/tmp/e.ts", driver: "../d.ts" });
    expect(problems.map((p) => p.key).sort()).toEqual(["driver", "evaluator"]);
  });

  it("accepts paths that stay inside", () => {
    const charter = parseCharter(
      { ...minimal, program: "src/../program.ts", driver: "./d.ts" },
      "steward.yaml",
    );
    expect(charter.program).toBe("src/../program.ts");
  });
});
