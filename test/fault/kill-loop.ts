/**
 * Fault injection for the run loop: start `steward run` on a copy of an example,
 * SIGKILL it at a random moment (a seeded schedule: some kills during start-up,
 * most while evaluations are in flight), check the store's invariants
 * (`crash-invariants.ts`) and that no process of the engine is left, and start
 * it again; a run that reaches its budget between kills starts a fresh copy
 * (a new round). Ends with an uninterrupted run that resumes the last round and
 * must finish at exactly --max-evals. Used by test/fault/kill-engine.int.test.ts
 * and bench/crash.bench.ts (npm run bench:crash).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRng, type Rng } from "../../src/util/rng.ts";
import { leftoverSandboxProcesses } from "../helpers/probe.ts";
import { BIN, copyExample } from "../helpers/run-cli.ts";
import { checkStore, type StoreFacts } from "./crash-invariants.ts";
import { aliveProcesses, descendantsOf, type ProcessId } from "./process-ids.ts";

export interface KillLoopOptions {
  /** Kills to make (the loop ends with a kill of a run that has started). */
  kills: number;
  maxEvals: number;
  workers: number;
  /** Seed of the kill schedule. */
  seed: number;
  example?: string;
  /** Share of kills timed from the spawn (start-up) rather than from the run's start. */
  startupShare?: number;
  /** Called with a line per kill and per round. */
  log?: (line: string) => void;
}

export interface KillLoopReport {
  kills: number;
  /** Kills timed from the spawn: loading, opening the store, the run lock, the ledger's catch-up. */
  startupKills: number;
  /** Kills after which candidates were waiting for their evaluation (killed in flight). */
  inFlightKills: number;
  /** Kills after which the checkpoint file lagged the database (killed between commit and file write). */
  lagKills: number;
  /** Runs that reached their budget between kills (each started a new round). */
  completions: number;
  rounds: number;
  /** Invariant checks made (after every kill and every completed run), and how many passed. */
  checks: number;
  checksPassed: number;
  violations: string[];
  /** Acknowledged evaluations over all rounds, the final run included. */
  evaluations: number;
  seconds: number;
  /** The longest wait for the engine's processes to be gone after a kill. */
  maxGraceMs: number;
  final: { exitCode: number | null; resumed: boolean; status: string | null; acknowledged: number };
}

/**
 * Outer limits only, generous so that a busy machine does not fail the check:
 * how long the engine's processes may take to go after it is killed (the
 * report gives the longest wait seen), how long a session may take to reach
 * "started" before it counts as hung, and the final uninterrupted run.
 */
const GRACE_MS = 30_000;
const START_TIMEOUT_MS = 90_000;
const FINAL_TIMEOUT_MS = 300_000;

interface Session {
  child: ChildProcess;
  /** Program ids of "evaluated" events, which the engine prints after acknowledging. */
  evaluated: number[];
  startedAt: number | null;
  resumed: boolean;
  stopReason: string | null;
  stderr: string;
  exited: Promise<number | null>;
}

export async function killLoop(options: KillLoopOptions): Promise<KillLoopReport> {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-fault-config-"));
  const savedConfigDir = process.env.STEWARD_CONFIG_DIR;
  // verifyLedger (in this process) looks for the ledger key where the engine made it.
  process.env.STEWARD_CONFIG_DIR = configDir;
  const loop = new KillLoop(options, configDir);
  try {
    return await loop.run();
  } finally {
    loop.removeCopies();
    fs.rmSync(configDir, { recursive: true, force: true });
    if (savedConfigDir === undefined) delete process.env.STEWARD_CONFIG_DIR;
    else process.env.STEWARD_CONFIG_DIR = savedConfigDir;
  }
}

class KillLoop {
  private readonly rng: Rng;
  private readonly log: (line: string) => void;
  private readonly copies: (() => void)[] = [];
  private readonly report: KillLoopReport = {
    kills: 0,
    startupKills: 0,
    inFlightKills: 0,
    lagKills: 0,
    completions: 0,
    rounds: 0,
    checks: 0,
    checksPassed: 0,
    violations: [],
    evaluations: 0,
    seconds: 0,
    maxGraceMs: 0,
    final: { exitCode: null, resumed: false, status: null, acknowledged: 0 },
  };
  private dir = "";
  private facts: StoreFacts | undefined;

  constructor(
    private readonly options: KillLoopOptions,
    private readonly configDir: string,
  ) {
    this.rng = createRng(options.seed);
    this.log = options.log ?? (() => {});
  }

  async run(): Promise<KillLoopReport> {
    const began = performance.now();
    this.newRound();
    // Keep killing until enough kills, the last of a run that exists (so the final run resumes).
    while (
      this.report.violations.length === 0 &&
      (this.report.kills < this.options.kills || (this.facts?.runs ?? 0) === 0)
    ) {
      await this.cycle();
    }
    if (this.report.violations.length === 0) await this.finalRun();
    this.report.seconds = (performance.now() - began) / 1000;
    return this.report;
  }

  removeCopies(): void {
    // Keep the evidence of a failure.
    if (this.report.violations.length > 0) return;
    for (const remove of this.copies) remove();
  }

  private newRound(): void {
    const copy = copyExample(this.options.example ?? "symbolic-regression");
    this.copies.push(copy.remove);
    this.dir = copy.dir;
    this.facts = undefined;
    this.report.rounds++;
    this.log(`round ${this.report.rounds}: ${this.dir}`);
  }

  /** One session: killed at its scheduled moment, or finished before it. */
  private async cycle(): Promise<void> {
    const startup = this.rng.chance(this.options.startupShare ?? 0.2);
    // Start-up kills: 0-1200 ms after the spawn; the others 150-900 ms after the run started.
    const delay = startup ? this.rng.int(1_200) : 150 + this.rng.int(751);
    const session = this.start();
    const before = await this.killAt(session, startup, delay);
    const code = await session.exited;
    // A kill that came as the engine was exiting by itself does not count.
    const killed = session.child.signalCode === "SIGKILL" ? before : null;
    if (!killed) {
      await this.completed(session, code, `round ${this.report.rounds}`);
      return;
    }
    this.report.kills++;
    const label = `round ${this.report.rounds}, kill ${this.report.kills}`;
    if (startup) this.report.startupKills++;
    const grace = await this.waitForProcessesGone(killed, label);
    const violations = this.check(session);
    if (!startup && session.startedAt === null)
      violations.push(`the engine did not start within ${START_TIMEOUT_MS} ms`);
    if (session.startedAt !== null && (this.facts?.pending ?? 0) > 0) this.report.inFlightKills++;
    if (this.facts?.ledgerWarnings.some((w) => /lags/.test(w))) this.report.lagKills++;
    this.log(
      `${label}: ${startup ? "start-up" : "running"} +${delay} ms, ${this.facts?.acknowledged ?? 0} acknowledged, ${this.facts?.pending ?? 0} in flight, gone in ${grace} ms${violations.length > 0 ? `, VIOLATIONS: ${violations.join("; ")}` : ""}`,
    );
    this.report.violations.push(...violations.map((v) => `${label}: ${v} (${this.dir})`));
  }

  private start(): Session {
    const { maxEvals, workers } = this.options;
    const child = spawn(
      process.execPath,
      [BIN, "run", this.dir, "--max-evals", `${maxEvals}`, "--workers", `${workers}`, "--json"],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, STEWARD_CONFIG_DIR: this.configDir },
      },
    );
    const session: Session = {
      child,
      evaluated: [],
      startedAt: null,
      resumed: false,
      stopReason: null,
      stderr: "",
      exited: new Promise((resolve) => child.once("close", (code) => resolve(code))),
    };
    let pending = "";
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) onEvent(session, line);
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      session.stderr += chunk;
    });
    return session;
  }

  /**
   * Kills the session `delay` ms after its spawn (start-up) or after its "started"
   * event. Returns the engine's processes as they were just before the kill, or
   * null when the session ended first.
   */
  private killAt(session: Session, startup: boolean, delay: number): Promise<ProcessId[] | null> {
    const { child } = session;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const kill = () => {
        const before = descendantsOf(child.pid as number);
        if (child.exitCode !== null || child.signalCode !== null || !child.kill("SIGKILL"))
          return resolve(null);
        resolve(before);
      };
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(kill, ms);
      };
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(null);
      });
      if (startup) arm(delay);
      else {
        arm(START_TIMEOUT_MS);
        const waitForStart = setInterval(() => {
          if (session.startedAt === null) return;
          clearInterval(waitForStart);
          arm(Math.max(0, delay - (performance.now() - session.startedAt)));
        }, 5);
        child.once("exit", () => clearInterval(waitForStart));
      }
    });
  }

  /** A session that ended by itself: it must have reached the budget, and a new round starts. */
  private async completed(session: Session, code: number | null, label: string): Promise<void> {
    const violations: string[] = [];
    if (code !== 0)
      violations.push(`the engine exited with ${code} unkilled: ${session.stderr.trim()}`);
    else if (session.stopReason !== "max-evals")
      violations.push(`the engine stopped for ${session.stopReason}, not max-evals`);
    violations.push(...this.check(session));
    if (this.facts?.status !== "finished")
      violations.push(`the run's status is ${this.facts?.status}, not finished`);
    if (this.facts?.acknowledged !== this.options.maxEvals)
      violations.push(`${this.facts?.acknowledged} acknowledged, not ${this.options.maxEvals}`);
    this.report.violations.push(...violations.map((v) => `${label} (completed): ${v}`));
    this.log(`${label}: the run completed (${this.facts?.acknowledged} evaluations)`);
    if (violations.length > 0) return;
    this.report.completions++;
    this.report.evaluations += this.facts?.acknowledged ?? 0;
    this.newRound();
  }

  private check(session: Session): string[] {
    this.report.checks++;
    const { facts, violations } = checkStore(this.dir, {
      maxEvals: this.options.maxEvals,
      workers: this.options.workers,
      ...(this.facts && { previous: this.facts }),
      reported: session.evaluated,
    });
    this.facts = facts;
    if (violations.length === 0) this.report.checksPassed++;
    return violations;
  }

  /** Waits for the killed engine's processes and any sandbox to be gone; returns the wait in ms. */
  private async waitForProcessesGone(before: ProcessId[], label: string): Promise<number> {
    const began = performance.now();
    for (;;) {
      const left = aliveProcesses(before);
      const sandboxes = leftoverSandboxProcesses();
      const waited = Math.round(performance.now() - began);
      if (left.length === 0 && sandboxes.length === 0) {
        this.report.maxGraceMs = Math.max(this.report.maxGraceMs, waited);
        return waited;
      }
      if (waited > GRACE_MS) {
        this.report.violations.push(
          `${label}: ${GRACE_MS} ms after the kill, engine processes ${left.map((p) => p.pid).join(", ") || "none"} and sandbox processes ${sandboxes.join(", ") || "none"} are alive`,
        );
        return waited;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The last round, resumed and run without kills to its budget. */
  private async finalRun(): Promise<void> {
    const session = this.start();
    const timer = setTimeout(() => session.child.kill("SIGKILL"), FINAL_TIMEOUT_MS);
    const code = await session.exited;
    clearTimeout(timer);
    const violations = this.check(session);
    const facts = this.facts;
    this.report.final = {
      exitCode: code,
      resumed: session.resumed,
      status: facts?.status ?? null,
      acknowledged: facts?.acknowledged ?? 0,
    };
    this.report.evaluations += facts?.acknowledged ?? 0;
    if (code !== 0) violations.push(`the final run exited with ${code}: ${session.stderr.trim()}`);
    this.report.violations.push(...violations.map((v) => `final run: ${v} (${this.dir})`));
    this.log(
      `final run: exit ${code}, ${session.resumed ? "resumed" : "not resumed"}, ${facts?.acknowledged} evaluations, ${facts?.status}`,
    );
  }
}

function onEvent(session: Session, line: string): void {
  let event: { type?: string; programId?: number; resumed?: boolean; reason?: string };
  try {
    event = JSON.parse(line);
  } catch {
    return;
  }
  if (event.type === "started") {
    session.startedAt = performance.now();
    session.resumed = event.resumed === true;
  } else if (event.type === "evaluated" && typeof event.programId === "number") {
    session.evaluated.push(event.programId);
  } else if (event.type === "stopped") {
    session.stopReason = event.reason ?? null;
  }
}
