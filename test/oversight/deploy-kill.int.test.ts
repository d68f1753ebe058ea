/**
 * Kill -9 at random moments while deploying: the target must always hold the
 * old or the new program, never a mix, a truncation or nothing. The child is
 * compiled to plain JavaScript once and children are started ahead of time (a
 * small pool), so the kills take a few seconds.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeStaleTempFiles } from "../../src/oversight/write-atomic.ts";
import { compileForNode } from "./compile-for-node.ts";
import { NEW_CONTENT, OLD_CONTENT } from "./deploy-contents.ts";

const LOOP_SOURCE = fileURLToPath(new URL("./deploy-loop.ts", import.meta.url));
const KILLS = 60;
const POOL = 4;
const MAX_DELAY_MS = 25;

interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Resolves when the child has printed this line; counts "w" lines. */
  saw(line: string): Promise<void>;
  writes(): number;
}

function start(loop: string, target: string): Child {
  const child = spawn(process.execPath, [loop, target]);
  let text = "";
  const waiters: Array<{ line: string; resolve(): void }> = [];
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    text += chunk;
    for (const waiter of [...waiters]) {
      if (text.includes(`${waiter.line}\n`)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.resume();
  return {
    process: child,
    saw: (line) =>
      text.includes(`${line}\n`)
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ line, resolve })),
    writes: () => text.split("\n").filter((l) => l === "w").length,
  };
}

const exited = (child: Child) =>
  new Promise<void>((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) resolve();
    else child.process.once("exit", () => resolve());
  });

let dir: string;
const pool: Child[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-deploy-kill-"));
});
afterEach(async () => {
  for (const child of pool.splice(0)) {
    child.process.kill("SIGKILL");
    await exited(child);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("deploy under kill -9", () => {
  it(`leaves the old or the new file after each of ${KILLS} kills`, {
    timeout: 600_000,
  }, async () => {
    const loop = compileForNode(LOOP_SOURCE, fs.mkdtempSync(path.join(dir, "build-")));
    const target = path.join(dir, "deployed", "program.js");
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, OLD_CONTENT);
    for (let i = 0; i < POOL; i++) pool.push(start(loop, target));
    const seen = { old: 0, new: 0, writes: 0, leftovers: 0 };
    const started = Date.now();

    for (let kill = 0; kill < KILLS; kill++) {
      const child = pool.shift() as Child;
      if (kill + pool.length < KILLS) pool.push(start(loop, target));
      await child.saw("ready");
      child.process.stdin.write("go\n");
      await child.saw("go");
      await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_DELAY_MS));
      child.process.kill("SIGKILL");
      await exited(child);

      const content = fs.readFileSync(target);
      const isOld = content.equals(OLD_CONTENT);
      const isNew = content.equals(NEW_CONTENT);
      if (!isOld && !isNew) {
        throw new Error(
          `after kill ${kill} (${child.writes()} writes) the file has ${content.length} bytes that are neither the old (${OLD_CONTENT.length}) nor the new (${NEW_CONTENT.length}) content`,
        );
      }
      seen[isOld ? "old" : "new"]++;
      seen.writes += child.writes();
      seen.leftovers += removeStaleTempFiles(path.dirname(target)).length;
    }

    expect(seen.old + seen.new).toBe(KILLS);
    expect(seen.writes).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["program.js"]);
    console.log(`deploy-kill: ${KILLS} kills in ${Date.now() - started} ms`);
  });
});
