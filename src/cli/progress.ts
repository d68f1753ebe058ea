/**
 * Shows a run's progress: one line redrawn in place on a terminal, plain log
 * lines when piped (every few seconds and on each new best), or JSON lines.
 */
import type { RunEvent, RunStats } from "../engine/run-events.ts";
import type { CommandIO } from "./command.ts";

const PLAIN_EVERY_MS = 5_000;

export function progressPrinter(
  io: CommandIO,
  mode: "tty" | "plain" | "json",
  objective: string,
  /** The problem folder as the user typed it, for the commands we suggest. */
  folder = "PROBLEM",
) {
  let lastPlain = 0;
  let drawn = false;
  const clear = () => {
    if (drawn) process.stdout.write("\r\x1b[2K");
    drawn = false;
  };
  return (event: RunEvent) => {
    if (mode === "json") {
      io.out(JSON.stringify(event));
      return;
    }
    if (event.type === "started") {
      const how = event.resumed
        ? `resuming run ${event.runId} (${event.evaluated} evaluated, ${event.pending} to redo)`
        : `run ${event.runId}`;
      io.out(`steward: ${how}, ${event.workers} evaluation(s) in flight`);
      return;
    }
    if (event.type === "stopped") {
      clear();
      io.out(`${summaryLine(event.stats, objective)}\nsteward: ${event.message}`);
      return;
    }
    // A stored candidate shows when its evaluation ends.
    if (event.type === "candidate") return;
    if (event.type === "queue") {
      clear();
      io.err(`steward: queue: ${event.message}`);
      return;
    }
    if (event.type === "proposal" || event.type === "paused" || event.type === "resumed") {
      clear();
      io.out(`steward: ${describeEvent(event, folder)}`);
      return;
    }
    const line = summaryLine(event.stats, objective);
    if (mode === "tty") {
      if (event.isNewBest) {
        clear();
        io.out(
          `new best ${objective}=${format(event.objective)} (program ${event.programId}, ${event.operator})`,
        );
      }
      process.stdout.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else if (event.isNewBest || Date.now() - lastPlain >= PLAIN_EVERY_MS) {
      lastPlain = Date.now();
      io.out(
        event.isNewBest
          ? `${line}  new best: program ${event.programId} (${event.operator})`
          : line,
      );
    }
  };
}

function describeEvent(
  event: Extract<RunEvent, { type: "proposal" | "paused" | "resumed" }>,
  folder: string,
) {
  if (event.type === "paused") return `paused: no new candidates until "steward resume ${folder}"`;
  if (event.type === "resumed") return "resumed";
  return event.status === "open"
    ? `proposal ${event.proposalId} (program ${event.programId}) passed the gates and awaits review: steward show ${folder} ${event.proposalId}`
    : `program ${event.programId} beat the champion but failed gate(s) ${event.failed.join(", ")} (proposal ${event.proposalId}, blocked)`;
}

export function summaryLine(s: RunStats, objective: string): string {
  const delta =
    s.bestObjective !== null && s.seedObjective !== null
      ? ` (seed ${format(s.seedObjective)}, ${signed(s.bestObjective - s.seedObjective)})`
      : "";
  const outcomes = Object.entries(s.outcomes)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const left = [
    s.evalsLeft !== null ? `${s.evalsLeft} evals left` : "",
    s.timeLeftMs !== null ? `${Math.ceil(s.timeLeftMs / 1000)} s left` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `evals ${s.evaluated} | ${s.evalsPerSecond.toFixed(1)}/s | best ${objective}=${format(s.bestObjective)}${delta} | ${outcomes}${left ? ` | ${left}` : ""}`;
}

function format(n: number | null): string {
  if (n === null) return "-";
  return Math.abs(n) >= 1e4 || Number.isInteger(n) ? String(n) : n.toPrecision(5);
}

function signed(n: number): string {
  return `${n >= 0 ? "+" : ""}${format(n)}`;
}
