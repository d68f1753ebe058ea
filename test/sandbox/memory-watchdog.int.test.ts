/**
 * Without a memory cgroup, the resident-memory watchdog runs on its own thread:
 * a tree of processes that together go past the cap is killed and reported as
 * `memory` even while the evaluator's own thread is blocked in synchronous code.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BubblewrapBackend } from "../../src/sandbox/bubblewrap.ts";
import { launchSandbox } from "../../src/sandbox/launch.ts";
import { DEFAULT_LIMITS } from "../../src/sandbox/limits.ts";
import { PlainProcessBackend } from "../../src/sandbox/plain-process.ts";
import { descendants, isAlive } from "../../src/sandbox/process-tree.ts";

// Three processes of 200 MB each: every one within its own data limit
// (memory_mb + 256 MB), together far past the tree's cap (2 x 32 + 256 MB).
const HOARDERS = `for i in 1 2 3; do /usr/bin/python3 -c 'import time; b = b"x" * (200 << 20); time.sleep(120)' & done; wait`;

beforeEach(() => {
  process.env.STEWARD_MEMORY_CGROUP = "off";
});
afterEach(() => {
  delete process.env.STEWARD_MEMORY_CGROUP;
});

describe.each([
  ["process", () => new PlainProcessBackend()],
  ["bubblewrap", () => new BubblewrapBackend()],
] as const)("memory watchdog at the %s level", (_level, backend) => {
  it("kills a tree over the cap while this thread is blocked", async () => {
    const sandbox = launchSandbox(backend(), {
      mounts: {},
      limits: { ...DEFAULT_LIMITS, memoryMb: 32, callTimeoutMs: 120_000 },
      command: () => ["/bin/sh", "-c", HOARDERS],
    });
    // Block this thread (no timers, no I/O callbacks) until the tree is gone or
    // the outer limit passes; only a watchdog elsewhere can end it meanwhile.
    const deadline = Date.now() + 45_000;
    let grew = false;
    while (Date.now() < deadline) {
      const tree = descendants(sandbox.pid).filter(isAlive);
      if (tree.length > 3) grew = true;
      if (grew && !isAlive(sandbox.pid)) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    const killedWhileBlocked = !isAlive(sandbox.pid);
    if (!killedWhileBlocked) sandbox.kill("stopped");
    const exit = await sandbox.exited;
    expect(grew).toBe(true);
    expect(killedWhileBlocked).toBe(true);
    expect(exit.outcome).toBe("memory");
  });
});
