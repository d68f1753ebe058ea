/**
 * The disk holding the store fills up during a real run (issue 6): the engine
 * must stop with a clear error (exit 1, a message that names the store or the
 * disk and says what to do, no stack trace), leave the store consistent, and
 * resume cleanly to its budget once space is back. The disk is a 32 MB tmpfs
 * mounted over PROBLEM/.steward in a private mount namespace (needs root and
 * util-linux's unshare and nsenter; the test is skipped, saying why, without
 * them), filled with a file while evaluations are being acknowledged.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { leftoverSandboxProcesses } from "../helpers/probe.ts";
import { BIN, copyExample } from "../helpers/run-cli.ts";
import { factsFromJson, factsToJson, type StoreFacts } from "./crash-invariants.ts";
import { mountPrivateTmpfs, nsenterAvailable, type PrivateTmpfs } from "./private-tmpfs.ts";

const MAX_EVALS = 80;
const WORKERS = 2;
/** Acknowledged evaluations before the disk fills (the WAL is still growing then). */
const FILL_AFTER = 10;

const CHECK = fileURLToPath(new URL("./check-store-main.ts", import.meta.url));
const LOADER = fileURLToPath(
  new URL("../../src/evaluation/host/loader/register.mjs", import.meta.url),
);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

interface Engine {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  evaluated: number;
  resumed: boolean;
  exit: Promise<number | null>;
}

function startEngine(tmpfs: PrivateTmpfs, dir: string, env: NodeJS.ProcessEnv): Engine {
  const child = tmpfs.spawn(
    process.execPath,
    [BIN, "run", dir, "--max-evals", `${MAX_EVALS}`, "--workers", `${WORKERS}`, "--json"],
    env,
  );
  const engine: Engine = {
    child,
    stdout: "",
    stderr: "",
    evaluated: 0,
    resumed: false,
    exit: new Promise((resolve) => child.once("close", (code) => resolve(code))),
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    engine.stdout += chunk.toString();
    engine.evaluated = (engine.stdout.match(/"type":"evaluated"/g) ?? []).length;
    engine.resumed ||= /"type":"started"[^\n]*"resumed":true/.test(engine.stdout);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    engine.stderr += chunk.toString();
  });
  cleanups.push(() => child.kill("SIGKILL"));
  return engine;
}

/** The crash invariants, checked inside the namespace (where SQLite sees the tmpfs). */
function checkInside(
  tmpfs: PrivateTmpfs,
  dir: string,
  env: NodeJS.ProcessEnv,
  previous?: StoreFacts,
): { facts: StoreFacts; violations: string[] } {
  const args = [dir, `${MAX_EVALS}`, `${WORKERS}`, ...(previous ? [factsToJson(previous)] : [])];
  const result = tmpfs.run(process.execPath, ["--import", LOADER, CHECK, ...args], env);
  if (result.status !== 0) throw new Error(`the store check failed: ${result.stderr}`);
  const { facts, violations } = JSON.parse(result.stdout) as {
    facts: unknown;
    violations: string[];
  };
  return { facts: factsFromJson(JSON.stringify(facts)), violations };
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A copy of symbolic-regression whose .steward folder is a tmpfs, and its config folder. */
interface Setup {
  dir: string;
  tmpfs: PrivateTmpfs;
  env: NodeJS.ProcessEnv;
}

async function problemOnSmallDisk(): Promise<Setup | { unavailable: string }> {
  const copy = copyExample("symbolic-regression");
  cleanups.push(copy.remove);
  const config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-fault-config-"));
  cleanups.push(() => fs.rmSync(config, { recursive: true, force: true }));
  // verifyLedger (in this process) looks for the ledger key where the engine made it.
  const saved = process.env.STEWARD_CONFIG_DIR;
  process.env.STEWARD_CONFIG_DIR = config;
  cleanups.push(() => {
    if (saved === undefined) delete process.env.STEWARD_CONFIG_DIR;
    else process.env.STEWARD_CONFIG_DIR = saved;
  });
  fs.mkdirSync(path.join(copy.dir, ".steward"));
  const tmpfs = nsenterAvailable()
    ? await mountPrivateTmpfs(path.join(copy.dir, ".steward"), 32)
    : { unavailable: "nsenter (util-linux) is not installed" };
  if ("unavailable" in tmpfs) return { unavailable: tmpfs.unavailable };
  cleanups.push(() => tmpfs.close());
  return { dir: copy.dir, tmpfs, env: { ...process.env, STEWARD_CONFIG_DIR: config } };
}

type Moment = "running" | "paused";

/**
 * Fills the disk after FILL_AFTER evaluations: while candidates are being
 * acknowledged ("running"), or once the run is paused and only its periodic
 * bookkeeping writes ("paused").
 */
async function diskFillsUp(moment: Moment, skip: (note: string) => void): Promise<void> {
  const setup = await problemOnSmallDisk();
  if ("unavailable" in setup) {
    console.log(`disk-full: skipped: ${setup.unavailable}`);
    return skip(setup.unavailable);
  }
  const { dir, tmpfs, env } = setup;
  const began = performance.now();
  const pause = tmpfs.outside(path.join(dir, ".steward", "pause"));

  const engine = startEngine(tmpfs, dir, env);
  await within(
    60_000,
    "the first evaluations",
    waitFor(() => engine.evaluated >= FILL_AFTER),
  );
  if (moment === "paused") {
    fs.writeFileSync(pause, "");
    await within(
      10_000,
      "pausing",
      waitFor(() => engine.stdout.includes('"type":"paused"')),
    );
    await waitForQuiet(() => engine.evaluated, 1_000);
  }
  const fill = path.join(dir, ".steward", "fill");
  const filled = tmpfs.fill(fill);
  const code = await within(60_000, "stopping on a full disk", engine.exit);
  const acknowledgedBefore = engine.evaluated;

  expect(code, engine.stderr).toBe(1);
  // Names the store (or its folder) and the full disk, and says what to do; no stack trace.
  expect(engine.stderr).toMatch(/\.steward\//);
  expect(engine.stderr).toMatch(/is full|no space left/i);
  expect(engine.stderr).toMatch(/free some (disk )?space/);
  expect(engine.stderr).not.toMatch(/^\s+at /m);
  expect(engine.stderr).not.toMatch(/node:internal|Node\.js v\d/);
  await waitFor(() => leftoverSandboxProcesses().length === 0, 5_000);
  expect(leftoverSandboxProcesses()).toEqual([]);

  // Space is back: the store is as consistent as after a kill, and nothing acknowledged is lost.
  fs.rmSync(tmpfs.outside(fill));
  fs.rmSync(pause, { force: true });
  const stopped = checkInside(tmpfs, dir, env);
  expect(stopped.violations).toEqual([]);
  expect(stopped.facts.acknowledged).toBeGreaterThanOrEqual(acknowledgedBefore);
  expect(stopped.facts.acknowledged).toBeLessThan(MAX_EVALS);

  const resumed = startEngine(tmpfs, dir, env);
  const resumedCode = await within(120_000, "the resumed run", resumed.exit);
  expect(resumedCode, resumed.stderr).toBe(0);
  expect(resumed.resumed).toBe(true);
  const finished = checkInside(tmpfs, dir, env, stopped.facts);
  expect(finished.violations).toEqual([]);
  expect(finished.facts.status).toBe("finished");
  expect(finished.facts.acknowledged).toBe(MAX_EVALS);
  console.log(
    `disk-full (${moment}): filled ${(filled / 2 ** 20).toFixed(1)} MB after ${acknowledgedBefore} evaluations; the run stopped with: ${engine.stderr.trim()}; resumed from ${stopped.facts.acknowledged} to ${finished.facts.acknowledged}; ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
}

describe("steward run when the disk holding the store fills up", () => {
  it(
    "while acknowledging evaluations: stops with a clear error, keeps the store consistent, resumes once space is back",
    {
      timeout: 600_000,
    },
    (context) => diskFillsUp("running", (note) => context.skip(note)),
  );

  it(
    "while paused (only periodic writes): the same",
    {
      timeout: 600_000,
    },
    (context) => diskFillsUp("paused", (note) => context.skip(note)),
  );
});

/** Waits until `value` has not changed for `ms`. */
async function waitForQuiet(value: () => number, ms: number): Promise<void> {
  let last = value();
  let since = Date.now();
  while (Date.now() - since < ms) {
    await new Promise((r) => setTimeout(r, 50));
    if (value() !== last) {
      last = value();
      since = Date.now();
    }
  }
}

async function waitFor(condition: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}
