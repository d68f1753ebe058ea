/** `steward COMMAND ...`: dispatch, top-level help, and turning errors into exit codes. */
import { describeError, isStewardError } from "../errors.ts";
import { type CommandIO, EXIT } from "./command.ts";
import { COMMANDS } from "./command-index.ts";

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
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    out.err(`steward: unknown command "${name}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  try {
    const command = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      out.out(command.usage);
      return EXIT.ok;
    }
    return await command.run(rest, out);
  } catch (error) {
    if (isStewardError(error)) {
      out.err(`steward ${name}: ${error.message}`);
      return error.code === "usage" ||
        error.code === "charter-invalid" ||
        error.code === "problem-not-found" ||
        error.code === "markers-invalid" ||
        error.code === "sandbox-unavailable" ||
        error.code === "needs-missing"
        ? EXIT.usage
        : EXIT.failed;
    }
    out.err(`steward ${name}: unexpected error: ${describeError(error)}`);
    if (process.env.STEWARD_DEBUG) out.err((error as Error)?.stack ?? "");
    return EXIT.failed;
  }
}
