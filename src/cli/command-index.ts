/**
 * Every `steward` command by name, with its one-line summary for `steward
 * --help`, and how to load it. A command's module (and what it imports: the
 * store, the engine, the LLM clients, the web server) is loaded only when that
 * command runs, so `steward --help` and `steward status` start without the rest.
 */
import type { Command } from "./command.ts";

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "init",
    summary: "create a problem folder from a template",
    load: async () => (await import("./commands/init.ts")).initCommand,
  },
  {
    name: "eval",
    summary: "evaluate one program once in the sandbox and print its metrics",
    load: async () => (await import("./commands/eval.ts")).evalCommand,
  },
  {
    name: "run",
    summary: "evolve a problem's program (resumes the last run)",
    load: async () => (await import("./commands/run.ts")).runCommand,
  },
  {
    name: "worker",
    summary: "evaluate candidates from a Redis queue (scale out a run)",
    load: async () => (await import("./commands/worker.ts")).workerCommand,
  },
  {
    name: "stop",
    summary: "stop a running evolution (gracefully, or --now)",
    load: async () => (await import("./commands/stop.ts")).stopCommand,
  },
  {
    name: "pause",
    summary: "hold a run: no new candidates until resume",
    load: async () => (await import("./commands/pause.ts")).pauseRunCommand,
  },
  {
    name: "resume",
    summary: "release a paused run",
    load: async () => (await import("./commands/pause.ts")).resumeRunCommand,
  },
  {
    name: "status",
    summary: "summarise a problem's runs",
    load: async () => (await import("./commands/status.ts")).statusCommand,
  },
  {
    name: "best",
    summary: "print or write the best program found",
    load: async () => (await import("./commands/best.ts")).bestCommand,
  },
  {
    name: "review",
    summary: "list proposals waiting for review",
    load: async () => (await import("./commands/review.ts")).reviewCommand,
  },
  {
    name: "show",
    summary: "show one proposal: diff, metrics, gates, lineage, rationale",
    load: async () => (await import("./commands/show.ts")).showCommand,
  },
  {
    name: "approve",
    summary: "approve a proposal with your key",
    load: async () => (await import("./commands/verdict.ts")).approveCommand,
  },
  {
    name: "reject",
    summary: "reject (veto) a proposal with your key",
    load: async () => (await import("./commands/verdict.ts")).rejectCommand,
  },
  {
    name: "deploy",
    summary: "deploy an approved proposal (atomic write, optional git commit)",
    load: async () => (await import("./commands/deploy.ts")).deployCommand,
  },
  {
    name: "rollback",
    summary: "restore the previous champion",
    load: async () => (await import("./commands/deploy.ts")).rollbackCommand,
  },
  {
    name: "charter",
    summary: "show or accept changes to the pinned charter files",
    load: async () => (await import("./commands/charter.ts")).charterCommand,
  },
  {
    name: "keys",
    summary: "create, list and show approver keys (ed25519)",
    load: async () => (await import("./commands/keys.ts")).keysCommand,
  },
  {
    name: "audit",
    summary: "verify the tamper-evident ledger, list it, prove an entry is in it",
    load: async () => (await import("./commands/audit.ts")).auditCommand,
  },
  {
    name: "serve",
    summary: "review dashboard in a browser (approve/reject with --as)",
    load: async () => (await import("./commands/serve.ts")).serveCommand,
  },
  {
    name: "report",
    summary: "write a run's report (HTML or Markdown)",
    load: async () => (await import("./commands/report.ts")).reportCommand,
  },
  {
    name: "doctor",
    summary: "show which sandbox levels this machine gives, and why",
    load: async () => (await import("./commands/doctor.ts")).doctorCommand,
  },
];
