/** `steward pause PROBLEM` and `steward resume PROBLEM`: hold and release a run, ledgered. */
import path from "node:path";
import { activeRunPid, isPaused, setPaused } from "../../engine/run-files.ts";
import { loadProblem } from "../../problem/load-problem.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { ledgerAction } from "../problem-session.ts";

function pauseCommand(pause: boolean): Command {
  const name: "pause" | "resume" = pause ? "pause" : "resume";
  const usage = pause
    ? `Usage: steward pause PROBLEM

Holds the run of PROBLEM: no new candidates start (evaluations in flight finish)
until "steward resume PROBLEM". Takes effect within a second, also for a run
started later; recorded in the ledger.`
    : `Usage: steward resume PROBLEM

Releases a run held by "steward pause": new candidates start again within a
second. Recorded in the ledger. (To continue a stopped run, use "steward run".)`;
  return {
    name,
    usage,
    async run(args, io) {
      const { positionals } = parseCommandArgs(name, args, {});
      const folder = onePositional(positionals, "PROBLEM folder", usage);
      const { dir } = loadProblem(folder);
      if (isPaused(dir) === pause) {
        io.out(`already ${pause ? "paused" : "not paused"}`);
        return EXIT.ok;
      }
      // Holding a run is a safety action: it works even if the ledger cannot be written.
      setPaused(dir, pause);
      const pid = activeRunPid(dir);
      await ledgerAction(io, dir, name, { runningPid: pid });
      io.out(
        `${pause ? "paused" : "resumed"} ${path.basename(dir)}${pid ? ` (run pid ${pid})` : " (no run is active now)"}`,
      );
      return EXIT.ok;
    },
  };
}

export const pauseRunCommand = pauseCommand(true);
export const resumeRunCommand = pauseCommand(false);
