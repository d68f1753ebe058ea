/**
 * One evaluator process: a Node process (never the engine's) that runs the
 * person-written evaluator, one job at a time, with no secrets in its
 * environment. It can serve many evaluations in a row (see EvaluatorPool). A job
 * that runs past its hard deadline, or is aborted, kills the process and every
 * sandbox it reported; the process is then dead and a new one must be made.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { StewardError } from "../errors.ts";
import { detectSandbox } from "../sandbox/detect.ts";
import type { SandboxLevel } from "../sandbox/level.ts";
import { descendants, isAlive, killQuietly, processesOfUid } from "../sandbox/process-tree.ts";
import { runtimeBundle } from "../sandbox/runtime-bundle.ts";
import { ownModule } from "../util/own-module.ts";
import { evaluatorConfinement } from "./evaluator-confinement.ts";
import { evaluatorEnv } from "./evaluator-env.ts";
import type { EngineToEvaluator, EvaluationJob, EvaluatorToEngine } from "./job.ts";
import type { EvaluationOutcome, OutcomeError, OutcomeKind } from "./outcome.ts";

const HOST = fileURLToPath(ownModule("./host/evaluator-host.ts", import.meta.url));
/** tsx for the person's evaluator and driver (TypeScript, loaded without a build). */
const LOADER = new URL("./host/loader/register.mjs", import.meta.url).href;
/** Time the evaluator process gets beyond the evaluation limit to start and report. */
const GRACE_MS = 5_000;
const KEEP_OUTPUT = 16 * 1024;

type Fail = (kind: OutcomeKind, error: OutcomeError) => EvaluationOutcome;

interface Current {
  resolve(outcome: EvaluationOutcome): void;
  reject(error: Error): void;
  fail: Fail;
  sandboxes: { pid: number; uid: number | null; level: SandboxLevel }[];
  deadline: NodeJS.Timeout;
  /** Removes the abort listener once the job is over. */
  unlisten(): void;
}

export class EvaluatorProcess {
  readonly #child: ChildProcess;
  #current: Current | null = null;
  #output = "";
  #dead = false;
  /** The sandbox it started ahead for the next candidate, not yet taken by one. */
  #spare: { pid: number; uid: number | null } | null = null;
  /** Its own temp folder: the only host folder it may write. */
  readonly #tmpDir: string;
  /** Why it is not confined, added to every outcome; null when it is. */
  readonly #weakness: string | null;

  constructor() {
    this.#tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-evaluator-"));
    removeAtExit(this.#tmpDir);
    // Candidates at the process level run as other uids and work in a folder inside it.
    fs.chmodSync(this.#tmpDir, 0o711);
    const confinement = evaluatorConfinement(detectSandbox().report.level, this.#tmpDir);
    this.#weakness = confinement.weakness;
    const [file, ...args] = confinement.wrap([
      process.execPath,
      "--import",
      LOADER,
      "--no-warnings",
      HOST,
    ]);
    this.#child = spawn(file as string, args, {
      env: evaluatorEnv(this.#tmpDir, runtimeBundle().dir),
      cwd: this.#tmpDir,
      serialization: "advanced",
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString("utf8")).slice(-KEEP_OUTPUT);
    };
    this.#child.stdout?.on("data", keep);
    this.#child.stderr?.on("data", keep);
    this.#child.on("message", (message: EvaluatorToEngine) => this.#onMessage(message));
    this.#child.on("error", (error) => this.#onDeath(`failed: ${error.message}`));
    this.#child.on("exit", (code, signal) => {
      this.#onDeath(signal ? `was killed by ${signal}` : `exited with code ${code}`);
      removeNow(this.#tmpDir);
    });
  }

  get alive(): boolean {
    return !this.#dead;
  }

  get busy(): boolean {
    return this.#current !== null;
  }

  evaluate(
    job: EvaluationJob,
    signal: AbortSignal | undefined,
    fail: Fail,
  ): Promise<EvaluationOutcome> {
    if (this.#dead)
      return Promise.resolve(
        fail("crashed", { source: "evaluator", message: "the evaluator process is gone" }),
      );
    if (this.#current) throw new Error("EvaluatorProcess.evaluate: already busy");
    if (signal?.aborted) return Promise.reject(stopped());
    return new Promise((resolve, reject) => {
      const hardLimit = job.limits.evalTimeoutMs + GRACE_MS;
      const deadline = setTimeout(() => {
        // Kill first: finish() forgets the evaluation's sandboxes, and a candidate
        // that ignores signals (a C loop) would outlive an evaluator killed alone.
        // The outcome is reported once they are gone, so "timeout" means stopped.
        const pids = this.#sandboxPids();
        this.#kill();
        void untilGone(pids).then(() =>
          this.#finish(
            fail("timeout", {
              source: "engine",
              message: `the evaluation did not finish within ${hardLimit} ms; its processes were killed`,
            }),
          ),
        );
      }, hardLimit);
      const onAbort = () => {
        const current = this.#current;
        if (!current || current.resolve !== resolve) return;
        this.#kill();
        this.#current = null;
        clearTimeout(current.deadline);
        reject(stopped());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const unlisten = () => signal?.removeEventListener("abort", onAbort);
      this.#current = { resolve, reject, fail, sandboxes: [], deadline, unlisten };
      this.#child.send({ type: "evaluate", job } satisfies EngineToEvaluator);
    });
  }

  /** Ends the process and anything it started. */
  close(): void {
    this.#kill();
  }

  #onMessage(message: EvaluatorToEngine): void {
    if (message.type === "spare-started") this.#spare = { pid: message.pid, uid: message.uid };
    if (message.type === "sandbox-started") {
      if (this.#spare?.pid === message.pid) this.#spare = null;
      this.#current?.sandboxes.push({ pid: message.pid, uid: message.uid, level: message.level });
    }
    if (message.type === "done") this.#finish(this.#withLevelRun(message.outcome));
  }

  /** The outcome with the weakest level any of its sandboxes reported, if it started any. */
  #withLevelRun(outcome: EvaluationOutcome): EvaluationOutcome {
    const reported = (this.#current?.sandboxes ?? []).map((s) => s.level);
    const warnings = this.#weakness ? [...outcome.warnings, this.#weakness] : outcome.warnings;
    if (reported.length === 0) return { ...outcome, warnings };
    const weakest = reported.reduce((a, b) => (strength(b) < strength(a) ? b : a));
    return { ...outcome, sandbox: weakest, warnings };
  }

  #onDeath(how: string): void {
    const wasDead = this.#dead;
    this.#dead = true;
    this.#killSandboxes();
    if (!wasDead && this.#current) {
      const { fail } = this.#current;
      this.#finish(
        fail("crashed", {
          source: "evaluator",
          message: `the evaluator process ${how} before reporting`,
          detail: this.#output.slice(-4000),
        }),
      );
    }
  }

  #finish(outcome: EvaluationOutcome): void {
    const current = this.#current;
    if (!current) return;
    this.#current = null;
    clearTimeout(current.deadline);
    current.unlisten();
    current.resolve(outcome);
  }

  #kill(): void {
    this.#dead = true;
    this.#killSandboxes();
    if (this.#child.pid) killQuietly(-this.#child.pid);
    if (this.#child.connected) this.#child.disconnect();
  }

  #killSandboxes(): void {
    for (const p of this.#sandboxPids()) killQuietly(p);
    // The spare waiting for the next candidate goes with the process.
    const spare = this.#spare;
    this.#spare = null;
    if (spare) for (const p of treeAndUid(spare)) killQuietly(p);
  }

  /** Every live process of the current evaluation's sandboxes: their trees and their uids. */
  #sandboxPids(): number[] {
    return (this.#current?.sandboxes ?? []).flatMap(treeAndUid);
  }
}

/** A sandbox's live processes: its tree and, when it has a uid of its own, that uid's. */
function treeAndUid(s: { pid: number; uid: number | null }): number[] {
  return [...descendants(s.pid), ...(s.uid === null ? [] : processesOfUid(s.uid))];
}

/** Waits (up to 5 s) until none of `pids` is alive; zombies count as gone. */
async function untilGone(pids: number[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && pids.some(isAlive)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Temp folders of evaluator processes not yet gone, removed if the engine exits first. */
const tmpDirs = new Set<string>();
let hooked = false;

function removeAtExit(dir: string): void {
  if (!hooked) process.once("exit", () => tmpDirs.forEach(removeNow));
  hooked = true;
  tmpDirs.add(dir);
}

function removeNow(dir: string): void {
  tmpDirs.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Strongest last; a level this list does not know counts as the weakest. */
const STRENGTH: readonly string[] = ["process", "namespace", "bubblewrap"];
const strength = (level: SandboxLevel) => STRENGTH.indexOf(level);

function stopped(): StewardError {
  return new StewardError("stopped", "the evaluation was stopped");
}
