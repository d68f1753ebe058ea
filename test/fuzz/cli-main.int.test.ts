/**
 * Random command lines through `main(argv, io)`: unknown flags, missing values,
 * repeated flags, numbers out of range, empty strings, paths that do not
 * exist, --help in odd places. Every call ends within a bound with exit code 0,
 * 1 or 2, prints no stack trace and no "unexpected error", and an exit code 2
 * comes with a message naming what was wrong.
 *
 * Only commands that do no long work are fuzzed: `eval` and `run` never get a
 * problem folder they could evaluate (`run` gets one only with a flag that
 * must fail validation), and every path a command could write to lies in a
 * temp folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";

const CALL_LIMIT_MS = 10_000;

let root: string;
/** Folders and files the command lines point at, by what they are. */
const at = { valid: "", broken: "", noProgram: "", empty: "", file: "", missing: "" };

beforeAll(async () => {
  delete process.env.STEWARD_DEBUG;
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-cli-fuzz-"));
  Object.assign(at, {
    valid: path.join(root, "valid"),
    broken: path.join(root, "broken"),
    noProgram: path.join(root, "no-program"),
    empty: path.join(root, "empty"),
    file: path.join(root, "file.txt"),
    missing: path.join(root, "missing", "deeper"),
  });
  expect(await call(["init", at.valid])).toMatchObject({ code: 0 });
  fs.mkdirSync(at.broken);
  fs.writeFileSync(path.join(at.broken, "steward.yaml"), "name: Bad Name\nobjective: 3\n");
  fs.mkdirSync(at.noProgram);
  fs.writeFileSync(
    path.join(at.noProgram, "steward.yaml"),
    "name: x\nprogram: gone.ts\nobjective: { metric: m, direction: minimize }\n",
  );
  fs.mkdirSync(at.empty);
  fs.writeFileSync(at.file, "not a folder\n");
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// Each test runs in a fresh, empty working folder, so that a relative path (say
// "-", which is a positional, not a flag) can neither land in the checkout nor
// name a problem folder another test's `init` made.
const cwd = process.cwd();
beforeEach(() => process.chdir(fs.mkdtempSync(path.join(root, "cwd-"))));
afterEach(() => process.chdir(cwd));

interface Answer {
  code: number;
  out: string;
  err: string;
}

async function call(argv: string[]): Promise<Answer> {
  // A guard on the test itself: eval and run must never find a problem they could evaluate.
  if (argv[0] === "eval" || argv[0] === "run") {
    const loadable = argv.find((t) => t !== at.valid && isLoadable(t));
    if (loadable !== undefined) throw new Error(`test bug: ${loadable} is a problem folder`);
  }
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false };
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`steward ${JSON.stringify(argv)} ran past ${CALL_LIMIT_MS} ms`)),
      CALL_LIMIT_MS,
    );
  });
  try {
    const code = await Promise.race([main(argv, io), hang]);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    clearTimeout(timer);
  }
}

function isLoadable(folder: string): boolean {
  try {
    loadProblem(folder);
    return true;
  } catch {
    return false;
  }
}

/** What an answer to any command line must look like. */
function expectClean(argv: string[], answer: Answer): void {
  const context = `${JSON.stringify(argv)} -> ${answer.code}\n${answer.err}`;
  expect([0, 1, 2], context).toContain(answer.code);
  const all = `${answer.out}\n${answer.err}`;
  expect(all, context).not.toMatch(/unexpected error/i);
  expect(all, context).not.toMatch(/^\s+at .+(:\d+:\d+\)?|<anonymous>\)?)$/m);
  // Text that leaked from a value's type, unless the command line itself said it.
  if (!argv.some((t) => t.includes("undefined"))) expect(all, context).not.toMatch(/undefined/);
  expect(all, context).not.toMatch(/\[object Object\]/);
  // No command at all is exit 2 with the command list on stderr.
  if (answer.code === 2 && !argv[0]) expect(answer.err, context).toMatch(/^Usage: steward/);
  else if (answer.code === 2) expect(namesTheProblem(answer.err, argv), context).toBe(true);
}

/**
 * Whether a usage error names what was wrong: one of the arguments (or its
 * flag, value or resolved path), the positional the command expected, or the
 * charter file at fault.
 */
function namesTheProblem(err: string, argv: string[]): boolean {
  if (err.trim() === "") return false;
  if (/expected one .+, got \d+|steward\.(yaml|json)|unknown command/.test(err)) return true;
  return argv.slice(1).some((token) => {
    const [flag = "", ...value] = token.split("=");
    const names = [token, flag, value.join("="), path.resolve(token), JSON.stringify(token)];
    if (/^-[^-]/.test(token)) names.push(token.slice(0, 2));
    return names.some((name) => name.trim() !== "" && name !== "-" && err.includes(name));
  });
}

// --- Command lines ---------------------------------------------------------

const FLAGS = [
  "--template",
  "-t",
  "--program",
  "--mode",
  "--split",
  "--seed",
  "--json",
  "--output",
  "-o",
  "--now",
  "--wait",
  "--max-evals",
  "--max-time",
  "--target",
  "--workers",
  "--new",
  "--islands",
];

const flag = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  fc.constantFrom("--help", "-h", "--", "-", "--version", "---", "-xyz", "--=x", "--json=1"),
  fc.stringMatching(/^--?[a-z-]{1,12}(=.{0,6})?$/),
);

/** Values that are never a relative path a command could create or evaluate. */
const value = (paths: readonly string[], scratch: string) =>
  fc.oneof(
    fc.constantFrom(
      "",
      "-1",
      "0",
      "1.5",
      "1e309",
      "NaN",
      "Infinity",
      "0x10",
      "99999999999999999999",
      "-0",
      "search",
      "verify",
      "blank",
      "90s",
      "0s",
      "-5m",
    ),
    fc.constantFrom(...paths),
    fc.string({ maxLength: 12 }).map((s) => path.join(scratch, s)),
    fc.string({ maxLength: 12 }).map((s) => `--${s}`),
  );

/**
 * A command line for `command`: flags alone, flags with values (apart or with
 * "="), and positionals from `paths` (absolute, or resolving to a folder with
 * no charter), in any order and number.
 */
const commandLine = (command: string, paths: () => string[], scratch = () => at.missing) => {
  const v = value(paths(), scratch());
  const part = fc.oneof(
    flag.map((f) => [f]),
    { weight: 3, arbitrary: fc.tuple(flag, v) },
    fc.tuple(flag, v).map(([f, x]) => [`${f}=${x}`]),
    { weight: 2, arbitrary: fc.constantFrom(...paths()).map((p) => [p]) },
  );
  return fc.array(part, { maxLength: 4 }).map((parts) => [command, ...parts.flat()]);
};

/** No token of a command line for `init` may resolve to a new folder outside the temp folder. */
const safeForInit = (argv: string[]) =>
  argv.slice(1).every((t) => t === "" || (t.startsWith("-") && t !== "-") || path.isAbsolute(t));

const READ_ONLY = ["status", "best", "stop", "doctor", "help"];
/** What `init` may point at: nothing another test points at and expects to stay empty. */
const INIT = () => [at.valid, at.broken, at.noProgram, at.file, root, ""];
const LOOKING = () => [at.broken, at.noProgram, at.empty, at.file, at.missing, root, ""];
const ANY = () => [at.valid, ...LOOKING()];

describe("main(argv, io) on random command lines", () => {
  const runs = { numRuns: 150 };

  it("init: creates a problem folder or says why not", async () => {
    const fresh = fc.nat().map((n) => path.join(root, "init", `p${n}`));
    const line = fc
      .tuple(
        commandLine("init", INIT, () => path.join(root, "init")),
        fc.option(fresh, { nil: undefined }),
      )
      .map(([argv, dir]) => (dir === undefined ? argv : [...argv, dir]))
      .filter(safeForInit);
    await fc.assert(
      fc.asyncProperty(line, async (argv) => expectClean(argv, await call(argv))),
      runs,
    );
  });

  it("eval: never reaches an evaluation without a problem folder", async () => {
    await fc.assert(
      fc.asyncProperty(commandLine("eval", LOOKING), async (argv) =>
        expectClean(argv, await call(argv)),
      ),
      runs,
    );
  });

  it("status, best, stop, doctor: answer about any folder", async () => {
    const line = fc.oneof(
      commandLine("status", ANY),
      commandLine("best", ANY),
      commandLine("stop", ANY),
      commandLine("doctor", ANY),
    );
    await fc.assert(
      fc.asyncProperty(line, async (argv) => expectClean(argv, await call(argv))),
      { numRuns: 300 },
    );
  });

  it("run: fails validation before any evaluation", async () => {
    // A valid problem only with a last --workers 0, which must fail before the run starts.
    const line = fc.oneof(
      commandLine("run", LOOKING),
      commandLine("run", ANY).map((argv) => [...argv, at.valid, "--workers", "0"]),
    );
    await fc.assert(
      fc.asyncProperty(line, async (argv) => {
        const answer = await call(argv);
        expectClean(argv, answer);
        if (argv.includes(at.valid) && !argv.includes("--help") && !argv.includes("-h"))
          expect(answer.code, JSON.stringify(argv)).toBe(2);
      }),
      runs,
    );
  });

  it("anything else: unknown commands and help anywhere", async () => {
    const line = fc.oneof(
      fc.array(
        fc.oneof(
          flag,
          fc.string({ maxLength: 8 }).filter((s) => !s.startsWith(".")),
        ),
        {
          maxLength: 4,
        },
      ),
      fc.constantFrom<string[]>(["help"], ["-h"], [""], ["--version"], ["--help", "init", "x"]),
    );
    await fc.assert(
      // No command name but the read-only ones: others may write (keys, deploy) or run long.
      fc.asyncProperty(
        line.filter((argv) => !/^[a-z]+$/.test(argv[0] ?? "") || READ_ONLY.includes(argv[0] ?? "")),
        async (argv) => expectClean(argv, await call(argv)),
      ),
      runs,
    );
  });

  it.each<[string, () => string[], RegExp]>([
    ["a folder name with a NUL byte", () => ["init", path.join(root, "nul\0byte")], /nul/],
    ["an empty --seed", () => ["eval", at.valid, "--seed", ""], /--seed/],
    ["a --seed that is not a whole number", () => ["eval", at.valid, "--seed", "0x10"], /--seed/],
    ["a very long path", () => ["status", path.join(at.missing, "x".repeat(5000))], /x{100}/],
  ])("%s is a usage error that names it", async (_, argv, message) => {
    const answer = await call(argv());
    expectClean(argv(), answer);
    expect(answer.code).toBe(2);
    expect(answer.err).toMatch(message);
  });
});
