/** `steward stop PROBLEM [--now]`: ask the running engine to stop. */
import path from "node:path";
import { activeRunPid, requestStop } from "../../engine/run-files.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { ledgerAction } from "../problem-session.ts";

const usage = `Usage: steward stop PROBLEM [--now] [--wait]

Asks the engine running PROBLEM to stop: by default gracefully (no new
candidates; evaluations in flight finish and are kept), with --now at once
(sandboxes are killed; their candidates run again on resume). The engine sees the
request within a second. --wait waits until it has stopped. The request is
recorded in the problem's ledger (a ledger that cannot be written only warns).
Exit codes: 0 requested (or stopped, with --wait), 1 no run is active, 2 usage.`;

export const stopCommand: Command = {
  name: "stop",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("stop", args, {
      now: { type: "boolean" },
      wait: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const dir = path.resolve(folder);
    const pid = activeRunPid(dir);
    if (pid === null) {
      io.err(`steward stop: no run of ${dir} is active`);
      return EXIT.failed;
    }
    requestStop(dir, values.now ? "now" : "graceful");
    await ledgerAction(io, dir, "stop", { runningPid: pid, now: Boolean(values.now) });
    io.out(`asked the run (pid ${pid}) to stop${values.now ? " now" : ""}`);
    if (values.wait) {
      while (activeRunPid(dir) !== null) await new Promise((resolve) => setTimeout(resolve, 50));
      io.out("stopped");
    }
    return EXIT.ok;
  },
};
