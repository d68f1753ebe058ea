/**
 * Spare sandboxes (src/evaluation/host/spare-sandbox.ts): a long-lived evaluator
 * process starts the next search candidate's sandbox while the current one is
 * evaluated. Each candidate still gets a sandbox of its own: an attack that
 * leaves state for the next candidate (a global, environment, files in every
 * writable place, a listener, a lingering process) finds nothing from the
 * sandbox that was started beside it; the same attack and probe in one process,
 * which is what reusing a sandbox would mean, finds all of it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { EvaluatorProcess } from "../../src/evaluation/evaluator-process.ts";
import type { EvaluationOutcome } from "../../src/evaluation/outcome.ts";
import { loadProblem, type Problem } from "../../src/problem/load-problem.ts";
import { detectSandbox } from "../../src/sandbox/detect.ts";
import { isIsolating } from "../../src/sandbox/level.ts";
import { descendants } from "../../src/sandbox/process-tree.ts";

const CHARTER = `name: spare-probe
description: The candidate's function returns what it saw; the evaluator passes it on.
program: program.ts
evaluator: evaluate.ts
objective:
  metric: score
  direction: maximize
policy_scan: "off"
limits:
  call_timeout_ms: 20000
  eval_timeout_ms: 60000
  memory_mb: 128
`;

const EVALUATOR = `import { defineEvaluator } from "steward";
export default defineEvaluator({
  async evaluate(candidate) {
    const seen = await candidate.call("f");
    return { metrics: { score: 1 }, artifacts: { seen } };
  },
});
`;

/** Writable places inside a sandbox, and the home and temp folders Node names. */
const PLACES = `[...new Set(["/work", "/work/.tmp", "/dev/shm", os.tmpdir(), os.homedir()])]`;

/** Leaves everything it can for whoever runs next. */
const ATTACK = `
async function attack() {
  globalThis.__stewardLeft = "A";
  process.env.STEWARD_LEFT = "A";
  for (const dir of ${PLACES}) {
    try { fs.writeFileSync(dir + "/left-by-a", "A"); } catch {}
  }
  try {
    spawn("/bin/sh", ["-c", "sleep 600"], { detached: true, stdio: "ignore" }).unref();
  } catch {}
  await new Promise((resolve) => {
    const server = net.createServer((socket) => socket.end("A"));
    server.on("error", resolve);
    server.listen({ path: "\\0steward-left-by-a" }, () => resolve(undefined));
  });
}`;

/** Reports what of the attack it finds, and when its own process started. */
const PROBE = `
async function probe() {
  const seen: string[] = [];
  if ((globalThis as any).__stewardLeft) seen.push("global");
  if (process.env.STEWARD_LEFT) seen.push("environment");
  for (const dir of ${PLACES}) {
    // Exclusive create: tells an existing file apart without needing to read it.
    try { fs.writeFileSync(dir + "/left-by-a", "B", { flag: "wx" }); }
    catch (error) { if ((error as any).code === "EEXIST") seen.push("file in " + dir); }
  }
  const listener = await new Promise((resolve) => {
    const socket = net.connect({ path: "\\0steward-left-by-a" });
    socket.on("data", () => { socket.destroy(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
  if (listener) seen.push("listener");
  return { seen, startedAt: performance.timeOrigin };
}`;

const program = (body: string) => `// @ts-nocheck
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import { spawn } from "node:child_process";
// EVOLVE-BLOCK-START
${body}
// EVOLVE-BLOCK-END
`;

const level = detectSandbox().report.level;
const isolating = isIsolating(level);

interface Seen {
  seen: string[];
  startedAt: number;
}

const seenIn = (outcome: EvaluationOutcome): Seen => {
  expect(outcome.outcome, JSON.stringify(outcome.error)).toBe("ok");
  return (outcome.artifacts as { seen: Seen }).seen;
};

/** Candidate hosts (Node in a sandbox, not the wrappers naming it) below this process. */
const hostsBelow = (): number[] =>
  descendants(process.pid).filter((pid) => {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return args[0] === process.execPath && args.some((a) => a.endsWith("candidate-host.js"));
    } catch {
      return false;
    }
  });

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(isolating)(`spare sandboxes (${level})`, () => {
  let dir: string;
  let problem: Problem;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-spare-test-"));
    fs.writeFileSync(path.join(dir, "steward.yaml"), CHARTER);
    fs.writeFileSync(path.join(dir, "evaluate.ts"), EVALUATOR);
    fs.writeFileSync(
      path.join(dir, "program.ts"),
      program(`export async function f() { return { seen: [], startedAt: 0 }; }`),
    );
    problem = loadProblem(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the same attack and probe in one process find everything (what reusing a sandbox would give)", async () => {
    const code = program(
      `${ATTACK}\n${PROBE}\nexport async function f() { await attack(); return probe(); }`,
    );
    const { seen } = seenIn(await evaluateProgram(problem, { code }));
    expect(seen).toEqual(expect.arrayContaining(["global", "environment", "listener"]));
    expect(seen.filter((s) => s.startsWith("file in "))).not.toEqual([]);
  });

  it("the next candidate runs in a sandbox started beside the previous one, and finds nothing of it", async () => {
    const evaluator = new EvaluatorProcess();
    try {
      const attacked = await evaluateProgram(problem, {
        code: program(`${ATTACK}\nexport async function f() { await attack(); return "done"; }`),
        evaluator,
      });
      expect(attacked.outcome, JSON.stringify(attacked.error)).toBe("ok");
      const attackEnded = Date.now();
      // The spare waits beside no one now: the attacker's sandbox is gone.
      await until(() => hostsBelow().length === 1, "the spare alone");
      const { seen, startedAt } = seenIn(
        await evaluateProgram(problem, {
          code: program(`${PROBE}\nexport async function f() { return probe(); }`),
          evaluator,
        }),
      );
      // Its Node started before the attack's outcome came back: a spare, started
      // while the attacker ran, not a sandbox started for this job.
      expect(startedAt).toBeLessThan(attackEnded);
      expect(seen).toEqual([]);
    } finally {
      evaluator.close();
    }
    await until(() => hostsBelow().length === 0, "the spare to end with its evaluator process");
  });
});
