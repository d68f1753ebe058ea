/** `steward eval` end to end: the real command, its JSON, its exit codes, and the store. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { FIXTURES } from "../helpers/probe.ts";
import { BIN } from "../helpers/run-cli.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-cli-"));
const probe = path.join(work, "probe");
fs.cpSync(path.join(FIXTURES, "problems", "probe"), probe, {
  recursive: true,
  filter: (source) => !source.includes(".steward"),
});

const steward = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 600_000 });

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("steward eval", () => {
  it("prints one JSON object and exits 0 for an ok outcome, recording it in the store", () => {
    const run = steward("eval", probe, "--json");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ outcome: "ok", metrics: { value: 42 }, mode: "search" });
    expect(typeof result.durationMs).toBe("number");
    expect(["bubblewrap", "process"]).toContain(result.sandbox);
    const store = openSqliteStore(path.join(probe, ".steward", "steward.db"));
    expect(store.countEvaluations()).toBe(1);
    expect(store.listEvaluations(result.programId as number)[0]?.metrics).toEqual({ value: 42 });
    store.close();
  });

  it("exits 1 for any other outcome and says why", () => {
    const run = steward("eval", probe, "--program", path.join(FIXTURES, "candidates", "nan.ts"));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^sandbox: \w+ \(.*\)\ninvalid/);
    expect(run.stdout).toContain("NaN");
  });

  it("evaluates in verify mode when asked", () => {
    const run = steward("eval", probe, "--mode", "verify", "--json");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).mode).toBe("verify");
  });

  it("exits 2 with a clear message for usage and charter errors", () => {
    const badMode = steward("eval", probe, "--mode", "fast");
    expect(badMode.status).toBe(2);
    expect(badMode.stderr).toContain("--mode must be one of search, verify");
    const missing = steward("eval", path.join(work, "nope"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/steward init/);
    const broken = path.join(work, "broken");
    fs.cpSync(probe, broken, { recursive: true });
    fs.writeFileSync(
      path.join(broken, "steward.yaml"),
      "name: broken\nprogram: program.ts\nobjective: { metric: value, direction: up }\n",
    );
    const charter = steward("eval", broken);
    expect(charter.status).toBe(2);
    expect(charter.stderr).toMatch(/steward\.yaml: objective\.direction/);
  });

  it("--help tells the truth about the options", () => {
    const help = steward("eval", "--help");
    expect(help.status).toBe(0);
    for (const flag of ["--program", "--mode", "--split", "--seed", "--json"])
      expect(help.stdout).toContain(flag);
  });
});
