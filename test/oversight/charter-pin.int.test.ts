/**
 * The pinned charter as people meet it: a run halts when its evaluator changes,
 * names the file, refuses to start again until a person accepts the change with
 * their key, and then goes on; the change and the acceptance are in the ledger.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApproverKey } from "../../src/oversight/keys.ts";
import { copyExample, exited, stewardAsync, stewardDone } from "../helpers/run-cli.ts";

let dir: string;
let config: string;
let remove: () => void;

beforeAll(() => {
  const copy = copyExample("symbolic-regression");
  dir = copy.dir;
  remove = copy.remove;
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pin-config-"));
  process.env.STEWARD_CONFIG_DIR = config;
  createApproverKey("ada", { configDir: config });
});

afterAll(() => {
  delete process.env.STEWARD_CONFIG_DIR;
  remove?.();
  fs.rmSync(config, { recursive: true, force: true });
});

describe("pinned charter", () => {
  it("halts on an evaluator change and goes on only after a person accepts it", async () => {
    const child = stewardAsync("run", dir, "--max-time", "5m", "--workers", "1");
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    while (!/evals [1-9]/.test(output)) await new Promise((resolve) => setTimeout(resolve, 50));
    fs.appendFileSync(path.join(dir, "evaluate.ts"), "\n// a person edits the evaluator\n");
    const code = await exited(child);
    expect(code).toBe(1);
    expect(output).toMatch(/evaluate\.ts \(changed\)/);
    expect(output).toMatch(/steward charter accept/);

    const again = await stewardDone(["run", dir, "--max-evals", "40"]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/evaluate\.ts \(changed\)/);

    const status = await stewardDone(["charter", "status", dir]);
    expect(status.status).toBe(1);
    expect(status.stdout).toMatch(/evaluate\.ts \(changed\)/);

    const accepted = await stewardDone(["charter", "accept", dir, "--as", "ada"]);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/accepted as ada: evaluate\.ts \(changed\)/);

    const resumed = await stewardDone(["run", dir, "--max-evals", "40"]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/resuming run 1/);

    const log = await stewardDone(["audit", "log", dir]);
    expect(log.stdout).toMatch(/charter-change/);
    expect(log.stdout).toMatch(/charter-accept/);
    expect((await stewardDone(["audit", "verify", dir])).status).toBe(0);
  }, 600_000);
});
