/**
 * `steward pause` holds a running engine (no new candidates) within a second and
 * `steward resume` releases it; both are in the ledger.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { copyExample, exited, stewardAsync, stewardDone } from "../helpers/run-cli.ts";
import { waitUntil } from "../helpers/wait.ts";

const copy = copyExample("symbolic-regression");
const config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pause-config-"));
process.env.STEWARD_CONFIG_DIR = config;
afterAll(() => {
  delete process.env.STEWARD_CONFIG_DIR;
  copy.remove();
  fs.rmSync(config, { recursive: true, force: true });
});

function candidates(): number {
  const store = openSqliteStore(problemStorePath(copy.dir));
  try {
    const run = store.runs.latest();
    return run ? store.runs.candidates(run.id).length : 0;
  } finally {
    store.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("pause and resume", () => {
  it("hold and release a running engine, ledgered", async () => {
    const child = stewardAsync("run", copy.dir, "--max-time", "5m", "--workers", "1");
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    await waitUntil(() => /evals [1-9]/.test(output), "the first progress line");
    expect((await stewardDone(["pause", copy.dir])).status).toBe(0);
    // The engine prints "paused" from the loop that makes candidates, after the last
    // one it made is stored: from then on the count must not move, however long we look.
    await waitUntil(() => /paused/.test(output), "the engine to report the pause");
    const held = candidates();
    await sleep(1_500);
    expect(candidates()).toBe(held);
    expect((await stewardDone(["resume", copy.dir])).status).toBe(0);
    await waitUntil(() => candidates() > held, "a new candidate after resume");
    expect((await stewardDone(["stop", copy.dir])).status).toBe(0);
    expect(await exited(child)).toBe(0);
    const log = await stewardDone(["audit", "log", copy.dir]);
    expect(log.stdout).toMatch(/\bpause\b/);
    expect(log.stdout).toMatch(/\bresume\b/);
    expect(log.stdout).toMatch(/\bstop\b/);
  }, 600_000);
});
