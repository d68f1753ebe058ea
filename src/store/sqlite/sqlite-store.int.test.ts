import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { program } from "../contract/store-contract.test-kit.ts";
import { openSqliteStore } from "./sqlite-store.ts";

let dir: string | undefined;
function tempDir(): string {
  dir = mkdtempSync(join(tmpdir(), "steward-store-"));
  return dir;
}
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("openSqliteStore durability", () => {
  it("keeps a write committed by a process that is then killed with SIGKILL", async () => {
    const path = join(tempDir(), "store.db");
    const fixture = fileURLToPath(new URL("./fixtures/write-then-hang.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", fixture, path], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => {
      child.on("exit", (_code, signal) => done(signal));
    });
    await new Promise<void>((done, fail) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("written")) done();
      });
      child.on("exit", () => fail(new Error(`the writer exited early: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // The commit is still only in the write-ahead log: reopening must replay it.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    const store = openSqliteStore(path);
    const survivor = store.getProgramByHash(program("survives kill -9").hash);
    expect(survivor).toBeDefined();
    expect(store.listEvaluations(survivor?.id ?? 0).map((e) => e.stdout)).toStrictEqual([
      "committed before the kill",
    ]);
    store.close();
  }, 600_000);
});
