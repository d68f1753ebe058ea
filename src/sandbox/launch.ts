/**
 * Spawns a prepared sandbox and watches it: output caps, written-bytes cap,
 * memory, and a kill that takes the whole process tree down. Every way the
 * process can end is turned into a typed `SandboxExit`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { SandboxBackend, SandboxSpec } from "./backend.ts";
import { cpuTimeMs } from "./cpu-time.ts";
import { dataLimitBytes } from "./identity.ts";
import type { SandboxLevel } from "./level.ts";
import { createMemoryCgroup, type MemoryCgroup } from "./memory-cgroup.ts";
import { watchMemory } from "./memory-watchdog.ts";
import { descendants, isAlive, killQuietly, processesOfUid, rssBytes } from "./process-tree.ts";

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
  /**
   * CPU time (user + system) of the tree so far, in ms: sampled with memory and
   * once more before a requested stop; children the tree reaped count too.
   */
  cpuTimeMs(): number;
  /** Kills the whole tree; the first reason given is the one reported. */
  kill(reason: KillReason, detail?: string): void;
  readonly exited: Promise<SandboxExit>;
}

const KEEP_BYTES = 64 * 1024;
/** How often memory, written bytes and CPU are sampled without a kernel memory cap. */
const WATCH_MS = 50;
/**
 * ... and with one: the kernel then stops the sandbox at the memory cap and each
 * writable tmpfs at its size, so sampling only reports (peak memory, CPU) and
 * keeps the writable mounts' sum under the write cap; each sample reads several
 * /proc files per process, which adds up at many candidates a second.
 */
const WATCH_CAPPED_MS = 200;

export interface LaunchOptions {
  /** Extra pipes after stdio (fd 3, 4...), e.g. the call channel. */
  extraPipes?: number;
  stdin?: string | Uint8Array;
  /** Bytes of output to keep (default 64 KiB); never more than the output cap. */
  keepBytes?: number;
  /**
   * Memory the sandbox's processes may use together. Default: room for a Node
   * host (the data limit plus `memoryMb`); a command candidate passes `memoryMb`.
   */
  memoryBytes?: number;
}

const PRLIMIT = "/usr/bin/prlimit";
/** Address space a command gets beyond its memory cap: the interpreter's own mappings. */
const ADDRESS_SLACK = 64 * 1024 * 1024;

export function launchSandbox(
  backend: SandboxBackend,
  spec: SandboxSpec,
  options: LaunchOptions = {},
): SandboxProcess {
  const prepared = backend.prepare(spec);
  const limits = spec.limits;
  const memoryCap = options.memoryBytes ?? dataLimitBytes(limits) + limits.memoryMb * 1024 * 1024;
  // Files on the private tmpfs are memory too: the kernel charges them to the cgroup.
  const cgroup = createMemoryCgroup(memoryCap + limits.maxWriteBytes);
  const [file, ...args] = memoryPrefix(cgroup, options.memoryBytes, [
    prepared.file,
    ...prepared.args,
  ]);
  const stdio = ["pipe", "pipe", "pipe", ...Array(options.extraPipes ?? 0).fill("pipe")];
  const child = spawn(file as string, args, {
    cwd: prepared.cwd,
    env: prepared.env,
    stdio: stdio as ("pipe" | "ignore")[],
    detached: true,
  });
  const keep = Math.min(options.keepBytes ?? KEEP_BYTES, limits.maxOutputBytes);
  const out = { stdout: [] as Buffer[], stderr: [] as Buffer[], kept: 0, total: 0 };
  let killed: { reason: KillReason; detail: string } | null = null;
  let peak = 0;
  let cpuMs = 0;

  const pid = child.pid ?? -1;
  let closed = false;
  /** Every pid seen in the tree, so the exit can wait until all are gone. */
  const seen = new Set<number>();
  /**
   * The tree's processes below the root and, with `byUid`, every process of the
   * sandbox's uid (one that left the tree). Sweeping by uid reads all of /proc
   * (milliseconds on a busy machine).
   */
  const others = (byUid = true): number[] => {
    const tree = pid > 0 ? descendants(pid).slice(1) : [];
    const sameUid =
      prepared.uid === null || !byUid ? [] : processesOfUid(prepared.uid).filter((p) => p !== pid);
    for (const p of [...tree, ...sameUid]) seen.add(p);
    return [...new Set([...tree.reverse(), ...sameUid])];
  };
  // In its own pid namespace (bubblewrap) no process can leave the tree: the
  // kernel ends them all with the namespace, so the kill needs no sweep by uid
  // (the exit still makes one). Elsewhere a process that left the tree could
  // hold the output pipes open, so the kill sweeps too.
  const sweepOnKill = backend.level !== "bubblewrap";
  // The root is our child: killing its descendants first lets it reap them and exit
  // by itself; killing it first would orphan them as zombies under a pid 1 that may
  // never reap them. It is killed too if it lingers.
  const killTree = () => {
    const rest = others(sweepOnKill);
    for (const p of rest) killQuietly(p);
    if (rest.length === 0 && pid > 0) killQuietly(pid);
    else
      setTimeout(() => {
        if (closed || pid <= 0) return;
        killQuietly(pid);
        killQuietly(-pid);
      }, 250).unref();
  };
  const kill = (reason: KillReason, detail = "") => {
    // A last look before a requested stop: a cap reached meanwhile still counts.
    if (reason === "stopped" && !killed) check();
    if (!killed) killed = { reason, detail };
    killTree();
  };

  /** Samples memory and written bytes; kills on a cap. */
  function check(): void {
    if (pid <= 0 || closed) return;
    let rss = 0;
    const tree = descendants(pid);
    for (const p of tree) rss += rssBytes(p);
    peak = Math.max(peak, rss);
    cpuMs = Math.max(cpuMs, cpuTimeMs(tree));
    if (rss > memoryCap) kill("memory", overCap(rss));
    const written = prepared.writtenBytes(pid);
    if (written !== null && written >= limits.maxWriteBytes - 4096) {
      kill("output-limit", `wrote ${written} bytes; the cap is ${limits.maxWriteBytes}`);
    }
  }

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

  const watch = setInterval(() => check(), cgroup ? WATCH_CAPPED_MS : WATCH_MS);
  watch.unref();
  // Without a kernel cap, a watchdog on its own thread, which a busy evaluator cannot stall.
  const guard =
    cgroup || pid <= 0 ? null : watchMemory(pid, memoryCap, (rss) => kill("memory", overCap(rss)));

  const exited = new Promise<SandboxExit>((resolve) => {
    const finish = async (
      exitCode: number | null,
      signal: NodeJS.Signals | null,
      spawnError?: Error,
    ) => {
      closed = true;
      clearInterval(watch);
      guard?.stop();
      // The watchdog thread may have killed it while this thread was busy.
      const over = guard?.overBytes() ?? 0;
      if (over > 0 && !killed) killed = { reason: "memory", detail: overCap(over) };
      peak = Math.max(peak, guard?.peakBytes() ?? 0);
      for (const p of others()) killQuietly(p);
      await waitUntilGone(seen);
      prepared.cleanup();
      // The kernel stopped it at the cap: that is why it died, whatever it printed.
      if (cgroup && cgroup.oomKills() > 0 && !killed)
        killed = { reason: "memory", detail: `went past the memory cap of ${mb(memoryCap)} MB` };
      if (cgroup) await removeCgroup(cgroup);
      const stderr = Buffer.concat(out.stderr).toString("utf8");
      resolve(classify(killed, exitCode, signal, stderr, spawnError));
    };
    child.once("error", (error) => void finish(null, null, error));
    child.once("close", (code, signal) => void finish(code, signal));
  });

  return {
    level: backend.level,
    pid,
    uid: prepared.uid,
    child,
    stdout: () => Buffer.concat(out.stdout).toString("utf8"),
    stderr: () => Buffer.concat(out.stderr).toString("utf8"),
    peakMemoryBytes: () => peak,
    cpuTimeMs: () => cpuMs,
    kill,
    exited,
  };
}

/**
 * What puts the sandbox under its memory cap before it starts: a shell that
 * moves itself into the cgroup and execs the sandbox (so every process of it is
 * counted from the first byte), or, without a cgroup, an address-space rlimit
 * for a command candidate (Node reserves far more address space than it uses,
 * so the Node host keeps the data limit and the watchdog).
 */
function memoryPrefix(
  cgroup: MemoryCgroup | null,
  commandBytes: number | undefined,
  command: string[],
): string[] {
  if (cgroup) return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', cgroup.procsFile, ...command];
  if (commandBytes === undefined) return command;
  return [PRLIMIT, `--as=${commandBytes + ADDRESS_SLACK}`, "--", ...command];
}

/** Removes the cgroup once the kernel has let go of its last process (up to 2 s). */
async function removeCgroup(cgroup: MemoryCgroup): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!cgroup.remove() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits (up to 2 s) until none of `pids` is alive; zombies count as gone. */
async function waitUntilGone(pids: Set<number>): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline && [...pids].some(isAlive)) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
const overCap = (rss: number) => `resident memory ${mb(rss)} MB over the cap`;

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
