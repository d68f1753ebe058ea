/**
 * Spawns a prepared sandbox and watches it: output caps, written-bytes cap,
 * memory, and a kill that takes the whole process tree down. Every way the
 * process can end is turned into a typed `SandboxExit`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { SandboxBackend, SandboxSpec } from "./backend.ts";
import { dataLimitBytes } from "./identity.ts";
import type { SandboxLevel } from "./level.ts";
import { descendants, killQuietly, processesOfUid, rssBytes } from "./process-tree.ts";

export type KillReason = "timeout" | "memory" | "output-limit" | "crashed" | "stopped";

export interface SandboxExit {
  /** Why it ended, from our side; "exited" when it ended by itself. */
  reason: KillReason | "exited";
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** What a candidate failure should be called, judged from the way it ended. */
  outcome: "ok" | "timeout" | "memory" | "output-limit" | "crashed";
  detail: string;
}

export interface SandboxProcess {
  readonly level: SandboxLevel;
  readonly pid: number;
  /** The throwaway uid the candidate runs as, when it has one. */
  readonly uid: number | null;
  readonly child: ChildProcess;
  /** Captured output, capped at the output limit (and 64 KiB kept). */
  stdout(): string;
  stderr(): string;
  peakMemoryBytes(): number;
  /** Kills the whole tree; the first reason given is the one reported. */
  kill(reason: KillReason, detail?: string): void;
  readonly exited: Promise<SandboxExit>;
}

const KEEP_BYTES = 64 * 1024;
const WATCH_MS = 50;

export interface LaunchOptions {
  /** Extra pipes after stdio (fd 3, 4...), e.g. the call channel. */
  extraPipes?: number;
  stdin?: string | Uint8Array;
  /** Bytes of output to keep (default 64 KiB); never more than the output cap. */
  keepBytes?: number;
}

export function launchSandbox(
  backend: SandboxBackend,
  spec: SandboxSpec,
  options: LaunchOptions = {},
): SandboxProcess {
  const prepared = backend.prepare(spec);
  const stdio = ["pipe", "pipe", "pipe", ...Array(options.extraPipes ?? 0).fill("pipe")];
  const child = spawn(prepared.file, prepared.args, {
    cwd: prepared.cwd,
    env: prepared.env,
    stdio: stdio as ("pipe" | "ignore")[],
    detached: true,
  });
  const limits = spec.limits;
  const keep = Math.min(options.keepBytes ?? KEEP_BYTES, limits.maxOutputBytes);
  const out = { stdout: [] as Buffer[], stderr: [] as Buffer[], kept: 0, total: 0 };
  let killed: { reason: KillReason; detail: string } | null = null;
  let peak = 0;

  const pid = child.pid ?? -1;
  const killTree = () => {
    for (const p of pid > 0 ? descendants(pid).reverse() : []) killQuietly(p);
    if (pid > 0) killQuietly(-pid);
    if (prepared.uid !== null) for (const p of processesOfUid(prepared.uid)) killQuietly(p);
  };
  const kill = (reason: KillReason, detail = "") => {
    if (!killed) killed = { reason, detail };
    killTree();
  };

  const collect = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    out.total += chunk.length;
    if (out.kept < keep) {
      const slice = chunk.subarray(0, keep - out.kept);
      out[stream].push(slice);
      out.kept += slice.length;
    }
    if (out.total > limits.maxOutputBytes) {
      kill("output-limit", `printed more than ${limits.maxOutputBytes} bytes`);
    }
  };
  child.stdout?.on("data", collect("stdout"));
  child.stderr?.on("data", collect("stderr"));
  child.stdin?.on("error", () => {});
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);

  const memoryCap = dataLimitBytes(limits) + limits.memoryMb * 1024 * 1024;
  const watch = setInterval(() => {
    if (pid <= 0) return;
    let rss = 0;
    for (const p of descendants(pid)) rss += rssBytes(p);
    peak = Math.max(peak, rss);
    if (rss > memoryCap) kill("memory", `resident memory ${mb(rss)} MB over the cap`);
    const written = prepared.writtenBytes(pid);
    if (written !== null && written >= limits.maxWriteBytes - 4096) {
      kill("output-limit", `wrote ${written} bytes; the cap is ${limits.maxWriteBytes}`);
    }
  }, WATCH_MS);
  watch.unref();

  const exited = new Promise<SandboxExit>((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      clearInterval(watch);
      killTree();
      prepared.cleanup();
      const stderr = Buffer.concat(out.stderr).toString("utf8");
      resolve(classify(killed, exitCode, signal, stderr, spawnError));
    };
    child.once("error", (error) => finish(null, null, error));
    child.once("close", (code, signal) => finish(code, signal));
  });

  return {
    level: backend.level,
    pid,
    uid: prepared.uid,
    child,
    stdout: () => Buffer.concat(out.stdout).toString("utf8"),
    stderr: () => Buffer.concat(out.stderr).toString("utf8"),
    peakMemoryBytes: () => peak,
    kill,
    exited,
  };
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

const OOM_PATTERN =
  /heap out of memory|Allocation failed|Cannot allocate memory|MemoryError|std::bad_alloc/;

function classify(
  killed: { reason: KillReason; detail: string } | null,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  spawnError?: Error,
): SandboxExit {
  const base = { exitCode, signal };
  if (killed) {
    const outcome = killed.reason === "stopped" ? "crashed" : killed.reason;
    return { ...base, reason: killed.reason, outcome, detail: killed.detail };
  }
  if (spawnError) {
    return { ...base, reason: "exited", outcome: "crashed", detail: spawnError.message };
  }
  if (signal === "SIGXFSZ") {
    return {
      ...base,
      reason: "exited",
      outcome: "output-limit",
      detail: "a file grew past the write cap",
    };
  }
  if (OOM_PATTERN.test(stderr)) {
    return { ...base, reason: "exited", outcome: "memory", detail: "ran out of memory" };
  }
  if (exitCode === 0) return { ...base, reason: "exited", outcome: "ok", detail: "" };
  const how = signal ? `killed by ${signal}` : `exited with code ${exitCode}`;
  return { ...base, reason: "exited", outcome: "crashed", detail: how };
}
