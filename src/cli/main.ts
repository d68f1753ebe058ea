/** `steward COMMAND ...`: dispatch, top-level help, and turning errors into exit codes. */
import { describeError, isStewardError } from "../errors.ts";
import { type Command, type CommandIO, EXIT } from "./command.ts";
import { auditCommand } from "./commands/audit.ts";
import { bestCommand } from "./commands/best.ts";
import { charterCommand } from "./commands/charter.ts";
import { deployCommand, rollbackCommand } from "./commands/deploy.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { evalCommand } from "./commands/eval.ts";
import { initCommand } from "./commands/init.ts";
import { keysCommand } from "./commands/keys.ts";
import { pauseRunCommand, resumeRunCommand } from "./commands/pause.ts";
import { reportCommand } from "./commands/report.ts";
import { reviewCommand } from "./commands/review.ts";
import { runCommand } from "./commands/run.ts";
import { serveCommand } from "./commands/serve.ts";
import { showCommand } from "./commands/show.ts";
import { statusCommand } from "./commands/status.ts";
import { stopCommand } from "./commands/stop.ts";
import { approveCommand, rejectCommand } from "./commands/verdict.ts";
import { workerCommand } from "./commands/worker.ts";

const COMMANDS: Command[] = [
  initCommand,
  evalCommand,
  runCommand,
  workerCommand,
  stopCommand,
  pauseRunCommand,
  resumeRunCommand,
  statusCommand,
  bestCommand,
  reviewCommand,
  showCommand,
  approveCommand,
  rejectCommand,
  deployCommand,
  rollbackCommand,
  charterCommand,
  keysCommand,
  auditCommand,
  serveCommand,
  reportCommand,
  doctorCommand,
];

const io: CommandIO = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
};

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: steward COMMAND [options]\n\nCommands:\n${lines.join("\n")}\n\nRun "steward COMMAND --help" for a command's options.`;
}

export async function main(argv: string[], out: CommandIO = io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    out.err(helpText());
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    out.out(helpText());
    return EXIT.ok;
  }
  if (name === "--version") {
    out.out("steward 0.1.0");
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    out.err(`steward: unknown command "${name}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, out);
  } catch (error) {
    if (isStewardError(error)) {
      out.err(`steward ${name}: ${error.message}`);
      return error.code === "usage" ||
        error.code === "charter-invalid" ||
        error.code === "problem-not-found" ||
        error.code === "markers-invalid" ||
        error.code === "sandbox-unavailable"
        ? EXIT.usage
        : EXIT.failed;
    }
    out.err(`steward ${name}: unexpected error: ${describeError(error)}`);
    if (process.env.STEWARD_DEBUG) out.err((error as Error)?.stack ?? "");
    return EXIT.failed;
  }
}
