/** `steward doctor`: what sandbox this machine gives, why, and what it lacks. */
import { detectSandbox } from "../../sandbox/detect.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward doctor [--json]

Reports the sandbox level candidates run at on this machine (bubblewrap, or
the weaker process level), the facts that decided it, and what the level does
not protect against. Exit code 0 at the bubblewrap level, 1 below it.`;

export const doctorCommand: Command = {
  name: "doctor",
  summary: "show the sandbox level this machine gives and why",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs("doctor", args, { json: { type: "boolean" } });
    let report: ReturnType<typeof detectSandbox>["report"];
    try {
      report = detectSandbox().report;
    } catch (error) {
      io.err(`no sandbox available: ${(error as Error).message}`);
      return EXIT.failed;
    }
    if (values.json) {
      io.out(JSON.stringify(report));
    } else {
      io.out(
        `sandbox level: ${report.level}${report.level === "bubblewrap" ? " (strongest)" : "  ** WEAK **"}`,
      );
      for (const reason of report.reasons) io.out(`  - ${reason}`);
      for (const weakness of report.weaknesses) io.out(`  ! ${weakness}`);
      if (report.level !== "bubblewrap")
        io.out('Charters with "sandbox: strict" will refuse to run here.');
    }
    return report.level === "bubblewrap" ? EXIT.ok : EXIT.failed;
  },
};
