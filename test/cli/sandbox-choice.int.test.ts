/**
 * Never silently weak: with bubblewrap hidden, run and eval use the namespace
 * level and say so in their first line; with unshare hidden too, they refuse
 * (exit 2, naming the fix and the opt-in) unless given --sandbox process.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/probe.ts";
import { BIN } from "../helpers/run-cli.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-sandbox-choice-"));
const probe = path.join(work, "probe");
fs.cpSync(path.join(FIXTURES, "problems", "probe"), probe, {
  recursive: true,
  filter: (source) => !source.includes(".steward"),
});
const NO_BWRAP = { STEWARD_BWRAP: path.join(work, "no-bwrap") };
const NO_TOOLS = { ...NO_BWRAP, STEWARD_UNSHARE: path.join(work, "no-unshare") };

const steward = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, ...env, STEWARD_SANDBOX: "" },
  });

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the sandbox a command chooses", () => {
  it("eval without bubblewrap runs at the namespace level and says so first", () => {
    const run = steward(NO_BWRAP, "eval", probe);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(
      "sandbox: namespace (no network, read-only system, private tmp)",
    );
    expect(run.stdout).toMatch(/namespace sandbox/);
  });

  it("run with no isolating level exits 2, naming the fix and the opt-in", () => {
    const run = steward(NO_TOOLS, "run", probe, "--max-evals", "1");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("apt-get install bubblewrap");
    expect(run.stderr).toContain("--sandbox process");
    expect(run.stdout).toBe("");
  });

  it("run with no isolating level runs when --sandbox process is given", () => {
    const run = steward(NO_TOOLS, "run", probe, "--max-evals", "2", "--sandbox", "process");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^sandbox: process \(WEAK/);
  });

  it("doctor says which level works, which not, and the command for a stronger one", () => {
    const run = steward(NO_BWRAP, "doctor");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/no {2}bubblewrap: .*not found/);
    expect(run.stdout).toMatch(/yes namespace/);
    expect(run.stdout).toContain("apt-get install bubblewrap");
  });
});
