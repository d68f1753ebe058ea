/**
 * A non-JS candidate that grabs 4x its memory cap at once, answers correctly and
 * exits before any sampling watchdog could look, is still stopped as `memory`:
 * by the kernel's cgroup cap where Steward can make one, else by an
 * address-space rlimit. At every level, and with either mechanism.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { createMemoryCgroup } from "../../src/sandbox/memory-cgroup.ts";
import { FIXTURES } from "../helpers/probe.ts";

const problem = () => loadProblem(path.join(FIXTURES, "problems", "python-memory"));
const burst = fs.readFileSync(path.join(FIXTURES, "candidates", "py-memory-burst.py"), "utf8");

const levels = ["bubblewrap", "namespace", "process"] as const;
const mechanisms = ["cgroup", "rlimit"] as const;

/** Whether this machine lets Steward make a memory cgroup (root with cgroup v1 or delegated v2). */
function cgroupAvailable(): boolean {
  const cgroup = createMemoryCgroup(64 << 20);
  cgroup?.remove();
  return cgroup !== null;
}

afterEach(() => {
  delete process.env.STEWARD_SANDBOX;
  delete process.env.STEWARD_MEMORY_CGROUP;
});

describe.each(levels)("memory cap at the %s level", (level) => {
  it.each(mechanisms)("a burst of 4x memory_mb ends as memory (%s)", async (mechanism) => {
    if (mechanism === "cgroup" && !cgroupAvailable()) {
      // Recorded, not skipped: the fallback case below covers such machines.
      expect(process.getuid?.()).not.toBe(0);
      return;
    }
    process.env.STEWARD_SANDBOX = level;
    if (mechanism === "rlimit") process.env.STEWARD_MEMORY_CGROUP = "off";
    const outcome = await evaluateProgram(problem(), { code: burst });
    expect(outcome.sandbox).toBe(level);
    expect(outcome.outcome).toBe("memory");
    expect(outcome.error?.source).toBe("candidate");
  });

  it.each(mechanisms)("the seed still runs under the cap (%s)", async (mechanism) => {
    process.env.STEWARD_SANDBOX = level;
    if (mechanism === "rlimit") process.env.STEWARD_MEMORY_CGROUP = "off";
    const p = problem();
    const outcome = await evaluateProgram(p, { code: p.seedCode });
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics).toEqual({ error: 0 });
  });
});
