/**
 * Every way a candidate can misbehave ends in the right typed outcome, within
 * its limit plus a small margin, with no process left, no secret leaked and no
 * file outside its temp dir changed. Real sandboxes, real processes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "../../src/evaluation/outcome.ts";
import { detectSandbox } from "../../src/sandbox/detect.ts";
import { type CountingListener, countingListener } from "../helpers/listener.ts";
import {
  evaluateFixture,
  leftoverSandboxProcesses,
  PROBE_DIR,
  probeProblem,
  probeProblemWithRoomToGrow,
} from "../helpers/probe.ts";
import { snapshotFiles } from "../helpers/processes.ts";
import { waitUntil } from "../helpers/wait.ts";

const SECRET_ENV = "sk-planted-secret-9c41d7e2";
const HOLDOUT_SECRET = "HOLDOUT-SECRET-4f9a1c";
const limits = probeProblem().charter.limits;

let canaryDir: string;
let before: Map<string, string>;
let beforeProbe: Map<string, string>;

beforeAll(() => {
  process.env.OPENAI_API_KEY = SECRET_ENV;
  process.env.STEWARD_TEST_TOKEN = SECRET_ENV;
  canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-canary-"));
  fs.writeFileSync(path.join(canaryDir, "keep.txt"), "unchanged");
  fs.chmodSync(canaryDir, 0o777);
  before = snapshotFiles(canaryDir);
  beforeProbe = snapshotFiles(PROBE_DIR);
});

afterAll(() => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.STEWARD_TEST_TOKEN;
  fs.rmSync(canaryDir, { recursive: true, force: true });
});

afterEach(async () => {
  // Killed processes are gone once the kernel has reaped them: wait for that, not a time.
  await waitUntil(() => leftoverSandboxProcesses().length === 0, "no sandbox process left");
  expect(snapshotFiles(canaryDir)).toEqual(before);
  expect(snapshotFiles(PROBE_DIR)).toEqual(beforeProbe);
});

function expectNoSecret(outcome: EvaluationOutcome) {
  const stored = JSON.stringify(outcome);
  expect(stored).not.toContain(SECRET_ENV);
  expect(stored).not.toContain(HOLDOUT_SECRET);
}

describe("misbehaving candidates", () => {
  it("an honest candidate is ok with the evaluator's metrics", async () => {
    const outcome = await evaluateFixture("honest");
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics).toEqual({ value: 42 });
    expect(outcome.log).toEqual(["score(21) = 42"]);
    expect(outcome.sandbox).toBe(detectSandbox().report.level);
  });

  it("throwing is crashed, with the message kept for feedback", async () => {
    const outcome = await evaluateFixture("throws");
    expect(outcome.outcome).toBe("crashed");
    expect(outcome.error?.message).toContain("cannot score 21");
  });

  it("process.exit is crashed", async () => {
    const outcome = await evaluateFixture("exits");
    expect(outcome.outcome).toBe("crashed");
    expect(outcome.error?.source).toBe("candidate");
  });

  it("an endless loop is a timeout, ended at the call limit", async () => {
    const outcome = await evaluateFixture("hangs");
    expect(outcome.outcome).toBe("timeout");
    // The call's own limit ended it, not the (longer) evaluation limit.
    expect(outcome.error?.message).toContain(`ran past ${limits.callTimeoutMs} ms`);
  });

  it("unbounded heap growth is memory", async () => {
    const outcome = await evaluateFixture("memory", { problem: probeProblemWithRoomToGrow() });
    expect(outcome.outcome).toBe("memory");
  });

  it("unbounded buffer allocation is memory", async () => {
    const outcome = await evaluateFixture("buffer-memory", {
      problem: probeProblemWithRoomToGrow(),
    });
    expect(outcome.outcome).toBe("memory");
  });

  it("a fork bomb starts no process and is not ok", async () => {
    const outcome = await evaluateFixture("fork-bomb");
    expect(outcome.outcome).toBe("crashed");
    expect(outcome.error?.message).toMatch(/ERR_ACCESS_DENIED|denied|permission|restricted/i);
  });

  it("printing 1 GB is output-limit, stopped near the cap", async () => {
    const outcome = await evaluateFixture("print-1gb");
    expect(outcome.outcome).toBe("output-limit");
    expect(outcome.stdout.length).toBeLessThanOrEqual(64 * 1024);
  });

  it("writing 10 GB to one file is output-limit", async () => {
    const outcome = await evaluateFixture("write-10gb");
    expect(outcome.outcome).toBe("output-limit");
  });

  it("writing many files past the cap is output-limit", async () => {
    const outcome = await evaluateFixture("write-many-files");
    expect(outcome.outcome).toBe("output-limit");
  });

  it("writing outside its temp dir changes nothing", async () => {
    const target = path.join(canaryDir, "keep.txt");
    const outcome = await evaluateFixture("write-outside", {
      replacements: { __OUTSIDE_FILE__: target },
    });
    expect(outcome.stdout).not.toContain("wrote");
    expect(fs.readFileSync(target, "utf8")).toBe("unchanged");
    expect(fs.existsSync("/etc/steward-pwned")).toBe(false);
  });

  it("reading /etc/shadow, ~/.ssh and the holdout data finds nothing", async () => {
    const secretFile = path.join(PROBE_DIR, "data", "holdout.txt");
    const outcome = await evaluateFixture("read-secrets", {
      replacements: { __SECRET_FILE__: secretFile },
    });
    expectNoSecret(outcome);
    expect(outcome.stdout).not.toMatch(/root:[^\n]*:\d+:\d+:/);
    expect(outcome.stdout).toContain("/etc/shadow");
  });

  it("the environment it prints holds no secret", async () => {
    const outcome = await evaluateFixture("print-env");
    expect(outcome.outcome).toBe("ok");
    expectNoSecret(outcome);
    const env = JSON.parse(outcome.stdout.trim().split("\n")[0] as string) as Record<
      string,
      string
    >;
    expect(Object.keys(env).sort()).toEqual(expect.arrayContaining(["PATH"]));
    expect(Object.keys(env).some((key) => /KEY|TOKEN|SECRET/.test(key))).toBe(false);
  });

  it("printing fake metrics does not change the score", async () => {
    const outcome = await evaluateFixture("fake-metrics");
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics).toEqual({ value: 42 });
  });

  it("patching Date.now and performance.now does not touch the evaluator's clock", async () => {
    const outcome = await evaluateFixture("timer-patch");
    expect(outcome.outcome).toBe("ok");
    expect(outcome.durationMs).toBeGreaterThan(0);
  });

  it("returning NaN is invalid, never a score", async () => {
    const outcome = await evaluateFixture("nan");
    expect(outcome.outcome).toBe("invalid");
    expect(outcome.metrics).toBeNull();
    expect(outcome.error?.message).toContain("NaN");
  });

  it("changing code outside the EVOLVE-BLOCK is policy, rejected before it runs", async () => {
    const outcome = await evaluateFixture("outside-markers");
    expect(outcome.outcome).toBe("policy");
    expect(outcome.error?.message).toMatch(/outside the EVOLVE-BLOCK/);
  });

  it("a syntax error is invalid, with the line", async () => {
    const outcome = await evaluateFixture("syntax-error");
    expect(outcome.outcome).toBe("invalid");
    expect(outcome.error?.message).toMatch(/line 4/);
  });
});

describe("network", () => {
  let listener: CountingListener;
  beforeAll(async () => {
    listener = await countingListener();
  });
  afterAll(() => listener.close());

  it("a TCP connection to a listener on 127.0.0.1 never arrives (bubblewrap level)", async () => {
    expect(detectSandbox().report.level).toBe("bubblewrap");
    const outcome = await evaluateFixture("tcp", {
      replacements: { __PORT__: String(listener.port) },
    });
    expect(outcome.outcome).toBe("crashed");
    expect(outcome.error?.message).toMatch(/ECONNREFUSED|ENETUNREACH|EACCES/);
    expect(listener.connections()).toBe(0);
  });
});
