/** `steward status PROBLEM`: what the problem's runs did. */

import { activeRunPid } from "../../engine/run-files.ts";
import { reportRuns } from "../../engine/run-report.ts";
import { loadProblem } from "../../problem/load-problem.ts";
import { openProblemStore } from "../../store/problem-store.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward status PROBLEM [--json]

Summarises the problem's runs: status, evaluations, outcomes, the seed's and
the best objective, time spent, and whether an engine is running it now.`;

export const statusCommand: Command = {
  name: "status",
  summary: "summarise a problem's runs",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("status", args, { json: { type: "boolean" } });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const problem = loadProblem(folder);
    const store = openProblemStore(problem.dir);
    try {
      const runs = reportRuns(store, problem.charter);
      const activePid = activeRunPid(problem.dir);
      if (values.json) {
        io.out(
          JSON.stringify({
            problem: problem.charter.name,
            objective: problem.charter.objective,
            activePid,
            runs,
          }),
        );
        return EXIT.ok;
      }
      const { metric, direction } = problem.charter.objective;
      io.out(
        `${problem.charter.name}: objective ${metric} (${direction})${activePid ? `, running now (pid ${activePid})` : ""}`,
      );
      if (runs.length === 0) io.out(`no runs yet: start one with "steward run ${folder}"`);
      for (const r of runs) {
        const outcomes = Object.entries(r.outcomes)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ");
        const best = r.best
          ? `${r.best.objective} (program ${r.best.programId}, generation ${r.best.generation})`
          : "-";
        io.out(
          `run ${r.id}: ${r.status}${r.stopReason ? ` (${r.stopReason})` : ""}, seed ${r.seed}, ${r.evaluated} evaluated, ${Math.round(r.elapsedMs / 1000)} s`,
        );
        io.out(`  seed ${metric}: ${r.seedObjective ?? "-"}   best: ${best}`);
        if (outcomes) io.out(`  outcomes: ${outcomes}`);
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
