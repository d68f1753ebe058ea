/**
 * The evaluator's handle on a non-JS candidate: each `run` starts the charter's
 * command in a fresh sandbox, feeds stdin, and collects the output.
 */

import type { SandboxBackend } from "../../sandbox/backend.ts";
import { launchSandbox, type SandboxProcess } from "../../sandbox/launch.ts";
import type { SandboxLevel } from "../../sandbox/level.ts";
import type { SandboxLimits } from "../../sandbox/limits.ts";
import type { RunOptions, RunResult } from "../evaluator.ts";
import { CandidateError } from "./candidate-error.ts";

export class CommandCandidate {
  fatal: CandidateError | null = null;
  peakMemoryBytes = 0;
  /** CPU time of every run so far, in ms. */
  cpuMs = 0;
  stderrLog = "";
  /** The level every `run` so far actually ran at (null before the first). */
  ranAt: SandboxLevel | null = null;
  /** Sandboxes of runs not yet ended: an evaluation that times out must end them. */
  readonly #running = new Set<SandboxProcess>();

  readonly #backend: SandboxBackend;
  readonly #codeDir: string;
  readonly #programFile: string;
  readonly #command: readonly string[];
  readonly #limits: SandboxLimits;
  /** Told of each sandbox as it starts, so the engine can kill it and record its level. */
  readonly #onStart: (sandbox: SandboxProcess) => void;

  constructor(
    backend: SandboxBackend,
    codeDir: string,
    programFile: string,
    command: readonly string[],
    limits: SandboxLimits,
    onStart: (sandbox: SandboxProcess) => void = () => {},
  ) {
    this.#backend = backend;
    this.#codeDir = codeDir;
    this.#programFile = programFile;
    this.#command = command;
    this.#limits = limits;
    this.#onStart = onStart;
  }

  /**
   * Kills every run still going and waits until each has ended (its processes
   * gone). The evaluation's own time limit ends here: without it a command that
   * ignores signals would outlive the outcome that says it timed out.
   */
  async stop(): Promise<void> {
    const running = [...this.#running];
    for (const sandbox of running) sandbox.kill("stopped");
    await Promise.all(running.map((sandbox) => sandbox.exited));
  }

  async run(args: readonly string[] = [], options: RunOptions = {}): Promise<RunResult> {
    if (this.fatal) throw this.fatal;
    const timeoutMs = Math.min(
      options.timeoutMs ?? this.#limits.callTimeoutMs,
      this.#limits.evalTimeoutMs,
    );
    const started = performance.now();
    const sandbox = launchSandbox(
      this.#backend,
      {
        mounts: { code: this.#codeDir },
        limits: this.#limits,
        command: ({ mounts }) => [
          ...this.#command.map((part) =>
            part.replaceAll("{program}", `${mounts.code}/${this.#programFile}`),
          ),
          ...args,
        ],
      },
      {
        stdin: options.stdin ?? "",
        keepBytes: this.#limits.maxOutputBytes,
        // No Node inside: the charter's memory_mb is the whole program's cap.
        memoryBytes: this.#limits.memoryMb * 1024 * 1024,
      },
    );
    this.ranAt = sandbox.level;
    this.#onStart(sandbox);
    this.#running.add(sandbox);
    const timer = setTimeout(() => sandbox.kill("timeout", `ran past ${timeoutMs} ms`), timeoutMs);
    const exit = await sandbox.exited;
    clearTimeout(timer);
    this.#running.delete(sandbox);
    this.peakMemoryBytes = Math.max(this.peakMemoryBytes, sandbox.peakMemoryBytes());
    this.cpuMs += sandbox.cpuTimeMs();
    const stderr = sandbox.stderr();
    this.stderrLog = (this.stderrLog + stderr).slice(-64 * 1024);
    if (exit.reason !== "exited" || exit.outcome === "memory" || exit.outcome === "output-limit") {
      const kind = exit.outcome === "ok" ? "crashed" : exit.outcome;
      this.fatal = new CandidateError(kind, `the command ${exit.detail || kind}`, {
        fatal: true,
        detail: stderr.slice(-4000),
      });
      throw this.fatal;
    }
    return {
      exitCode: exit.exitCode,
      signal: exit.signal,
      stdout: sandbox.stdout(),
      stderr,
      durationMs: Math.round(performance.now() - started),
    };
  }
}
