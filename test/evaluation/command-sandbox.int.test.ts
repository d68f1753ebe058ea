/**
 * A command candidate's sandboxes are known to the engine like the JS host's:
 * the outcome records the level each run actually ran at, and stopping an
 * evaluation kills a command that is still running.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { killQuietly } from "../../src/sandbox/process-tree.ts";
import { FIXTURES } from "../helpers/probe.ts";
import { waitUntil } from "../helpers/wait.ts";

const problem = () => loadProblem(path.join(FIXTURES, "problems", "python"));

/** The python problem with call limits far longer than the test waits for the kill. */
function patientProblem(): ReturnType<typeof loadProblem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-patient-"));
  fs.cpSync(path.join(FIXTURES, "problems", "python"), dir, { recursive: true });
  const charter = path.join(dir, "steward.yaml");
  fs.writeFileSync(
    charter,
    fs
      .readFileSync(charter, "utf8")
      .replace(/call_timeout_ms: \d+/, "call_timeout_ms: 100000")
      .replace(/eval_timeout_ms: \d+/, "eval_timeout_ms: 110000"),
  );
  dirs.push(dir);
  return loadProblem(dir);
}
const dirs: string[] = [];
const sleeper = (marker: string) =>
  fs
    .readFileSync(path.join(FIXTURES, "candidates", "py-sleeps.py"), "utf8")
    .replace("__MARKER__", marker);

/** Live processes whose command line contains `marker`. */
function processesWith(marker: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const zombie = /^State:\s+Z/m.test(fs.readFileSync(`/proc/${entry}/status`, "utf8"));
      if (!zombie && cmdline.includes(marker)) out.push(Number(entry));
    } catch {
      // Gone.
    }
  }
  return out;
}

const markers: string[] = [];
afterEach(() => {
  delete process.env.STEWARD_SANDBOX;
  for (const marker of markers.splice(0)) for (const pid of processesWith(marker)) killQuietly(pid);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(["bubblewrap", "process"] as const)("command candidate at %s", (level) => {
  it("records the level its runs ran at", async () => {
    process.env.STEWARD_SANDBOX = level;
    const p = problem();
    const outcome = await evaluateProgram(p, { code: p.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.sandbox).toBe(level);
  });

  it("a stopped evaluation leaves no command running", async () => {
    process.env.STEWARD_SANDBOX = level;
    const marker = `steward-test-sleeper-${randomBytes(6).toString("hex")}`;
    markers.push(marker);
    const controller = new AbortController();
    const evaluation = evaluateProgram(patientProblem(), {
      code: sleeper(marker),
      signal: controller.signal,
    });
    evaluation.catch(() => {});
    await waitUntil(() => processesWith(marker).length > 0, "the command to start");
    controller.abort();
    await expect(evaluation).rejects.toThrow(/stopped/);
    // Well under the 100 s call limit and the 120 s sleep: only the stop can end it.
    await waitUntil(() => processesWith(marker).length === 0, "the command to be killed", 30_000);
  });
});
