/**
 * The evaluator process is trusted but parses what candidates send, so at the
 * isolating levels it is confined as a candidate would be: no network, none of
 * the engine's environment, and no write outside its own temp folder (not the
 * problem folder, not the store). Evaluations still work there.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { type CountingListener, countingListener } from "../helpers/listener.ts";
import { FIXTURES } from "../helpers/probe.ts";

const SECRET = "sk-engine-only-4f1c";
/** The sandbox's empty environment, and where the engine built the sandbox runtime. */
const EMPTY_ENV = ["HOME", "LANG", "PATH", "STEWARD_RUNTIME_DIR", "TMPDIR"];
const REPO = path.resolve(FIXTURES, "..", "..");

let listener: CountingListener;
const dirs: string[] = [];
beforeAll(async () => {
  listener = await countingListener();
  process.env.OPENAI_API_KEY = SECRET;
});
afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  await listener.close();
});
afterEach(() => {
  delete process.env.STEWARD_SANDBOX;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the escape fixture, so a write that gets through lands in a throwaway folder. */
function escapeProblem(): { dir: string; problem: ReturnType<typeof loadProblem> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-escape-"));
  dirs.push(dir);
  fs.cpSync(path.join(FIXTURES, "problems", "evaluator-escape"), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, ".steward"));
  fs.writeFileSync(path.join(dir, "port.txt"), String(listener.port));
  return { dir, problem: loadProblem(dir) };
}

interface Attempts {
  env: Record<string, string>;
  connect: string;
  problemWrite: string;
  storeWrite: string;
  tmpWrite: string;
}

describe.each(["bubblewrap", "namespace"])("the evaluator process at the %s level", (level) => {
  it("cannot connect to 127.0.0.1, sees none of the engine's environment, writes only its temp folder", async () => {
    process.env.STEWARD_SANDBOX = level;
    const { dir, problem } = escapeProblem();
    const outcome = await evaluateProgram(problem, { code: problem.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.sandbox).toBe(level);
    expect(outcome.metrics?.value).toBe(42);
    const tried = outcome.artifacts as unknown as Attempts;
    expect(tried.connect).not.toBe("connected");
    expect(listener.connections()).toBe(0);
    expect(JSON.stringify(tried.env)).not.toContain(SECRET);
    expect(Object.keys(tried.env).sort()).toEqual(EMPTY_ENV);
    expect(tried.problemWrite).toBe("EROFS");
    expect(tried.storeWrite).toBe("EROFS");
    expect(fs.existsSync(path.join(dir, "planted-by-evaluator.txt"))).toBe(false);
    expect(fs.existsSync(path.join(dir, ".steward", "planted-by-evaluator.txt"))).toBe(false);
    expect(tried.tmpWrite).toBe("written");
    expect(outcome.warnings.join("\n")).not.toMatch(/not confined/);
  });

  it("still evaluates bin-packing", async () => {
    process.env.STEWARD_SANDBOX = level;
    const problem = loadProblem(path.join(REPO, "examples", "bin-packing"));
    const outcome = await evaluateProgram(problem, { code: problem.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.sandbox).toBe(level);
  });
});

describe("the evaluator process at the process level", () => {
  it("gets the same empty environment", async () => {
    process.env.STEWARD_SANDBOX = "process";
    const { problem } = escapeProblem();
    const outcome = await evaluateProgram(problem, { code: problem.seedCode });
    expect(outcome.outcome).toBe("ok");
    const tried = outcome.artifacts as unknown as Attempts;
    expect(JSON.stringify(tried.env)).not.toContain(SECRET);
    expect(Object.keys(tried.env).sort()).toEqual(EMPTY_ENV);
  });
});
