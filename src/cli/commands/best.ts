/** `steward best PROBLEM`: print or write the best program found. */
import fs from "node:fs";
import path from "node:path";
import { bestOverall, reportRuns } from "../../engine/run-report.ts";
import { StewardError } from "../../errors.ts";
import { loadProblem } from "../../problem/load-problem.ts";
import { openProblemStore } from "../../store/problem-store.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward best PROBLEM [--output FILE] [--json]

Prints the best program found over all runs (by the charter's objective), or
writes it to FILE. --json prints { programId, run, objective, metric, code }.
Exit code 1 when no program has been evaluated ok yet.`;

export const bestCommand: Command = {
  name: "best",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("best", args, {
      output: { type: "string", short: "o" },
      json: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const problem = loadProblem(folder);
    const store = openProblemStore(problem.dir);
    try {
      const found = bestOverall(reportRuns(store, problem.charter), problem.charter);
      if (!found) {
        io.err(
          `steward best: no program of ${problem.dir} has been evaluated ok yet: run "steward run ${folder}"`,
        );
        return EXIT.failed;
      }
      const code = store.getProgram(found.best.programId)?.code ?? "";
      const metric = problem.charter.objective.metric;
      if (typeof values.output === "string") {
        const file = path.resolve(values.output);
        try {
          fs.writeFileSync(file, code);
        } catch (error) {
          const reason = (error as NodeJS.ErrnoException).code ?? "cannot write";
          throw new StewardError("usage", `--output ${file}: ${reason}: give a writable file`, {
            cause: error,
          });
        }
        io.err(
          `wrote program ${found.best.programId} (${metric} ${found.best.objective}, run ${found.run.id}) to ${file}`,
        );
      } else if (values.json) {
        io.out(
          JSON.stringify({
            programId: found.best.programId,
            run: found.run.id,
            metric,
            objective: found.best.objective,
            code,
          }),
        );
      } else {
        io.out(code.endsWith("\n") ? code.slice(0, -1) : code);
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
