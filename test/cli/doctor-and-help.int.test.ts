/** `steward doctor`, `steward --help` and `steward init` as a user runs them. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN } from "../helpers/run-cli.ts";

const steward = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 600_000 });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-cli-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("steward doctor", () => {
  it("reports the bubblewrap level with its reasons (exit 0)", () => {
    const run = steward("doctor", "--json");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.level).toBe("bubblewrap");
    expect(report.reasons.join("\n")).toMatch(/bwrap works/);
    // The evaluator process is confined too (as root here, or in a user namespace).
    expect(report.evaluator.confined).toBe(true);
    // Debian's python3 with PyTorch, which examples/char-lm needs.
    expect(report.python).toMatchObject({ interpreter: "/usr/bin/python3", fix: null });
    expect(report.python.torch).toMatch(/^\d+\.\d+/);
  });

  it("reports the weak level loudly when forced, and still what the machine gives (exit 0)", () => {
    const run = spawnSync(process.execPath, [BIN, "doctor"], {
      encoding: "utf8",
      env: { ...process.env, STEWARD_SANDBOX: "process" },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/WEAK/);
    expect(run.stdout).toMatch(/network/);
    expect(run.stdout).toMatch(/yes bubblewrap/);
    expect(run.stdout).toContain("STEWARD_SANDBOX=process chooses the process level");
    expect(run.stdout).toMatch(/evaluator process: not confined/);
    expect(run.stdout).not.toMatch(/No isolating level|For a stronger level/);
  });
});

describe("steward --help and init", () => {
  it("lists every command", () => {
    const run = steward("--help");
    expect(run.status).toBe(0);
    for (const name of ["init", "eval", "doctor"]) expect(run.stdout).toContain(`  ${name}`);
  });

  it("an unknown command exits 2 and shows the help", () => {
    const run = steward("frobnicate");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });

  it("init writes a folder that evaluates out of the box, for each template", () => {
    for (const template of ["blank", "bin-packing"]) {
      const dir = path.join(work, template);
      expect(steward("init", dir, "--template", template).status).toBe(0);
      const run = steward("eval", dir, "--json");
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).outcome).toBe("ok");
    }
    const again = steward("init", path.join(work, "blank"));
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    // An empty template name is named as the flag it came from (found by the CLI fuzz test).
    const unnamed = steward("init", "--template=", path.join(work, "unnamed"));
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toMatch(/--template needs a name: known templates are .*blank/);
    expect(fs.existsSync(path.join(work, "unnamed"))).toBe(false);
  });
});
