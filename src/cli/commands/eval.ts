/** `steward eval PROBLEM`: evaluate one program once, print the outcome, record it. */
import fs from "node:fs";
import path from "node:path";
import { StewardError } from "../../errors.ts";
import { evaluateProgram } from "../../evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import { requireNeeds } from "../../problem/check-needs.ts";
import { loadProblem } from "../../problem/load-problem.ts";
import { openProblemStore } from "../../store/problem-store.ts";
import { programHash } from "../../util/hash.ts";
import { integer, oneOf, onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { formatOutcome } from "../format-outcome.ts";
import { chooseSandbox, SANDBOX_FLAG_HELP, sandboxLine } from "../sandbox-choice.ts";

const usage = `Usage: steward eval PROBLEM [options]

Evaluates one program once, in the sandbox, with the problem's evaluator, and
records the program and the result in PROBLEM/.steward/steward.db.

Options:
  --program FILE   the program to evaluate (default: the charter's seed program)
  --mode MODE      search (driver next to the candidate, fast) or verify (driver in
                   the evaluator, every call crosses the sandbox boundary); default search
  --split NAME     the data to score on: train (default), holdout, test...
  --seed N         seed handed to the evaluator (default 0)
${SANDBOX_FLAG_HELP}
  --json           print one JSON object instead of text (with "sandboxLine")
  -h, --help       show this help

The first line names the sandbox level, e.g. "sandbox: bubblewrap (no network,
read-only system, private tmp)".

Exit codes: 0 the outcome is ok, 1 any other outcome, 2 usage or charter error,
no isolating sandbox here and --sandbox process not given, or something the
charter's needs lists (e.g. torch for /usr/bin/python3) is missing here.`;

export const evalCommand: Command = {
  name: "eval",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("eval", args, {
      program: { type: "string" },
      mode: { type: "string" },
      split: { type: "string" },
      seed: { type: "string" },
      sandbox: { type: "string" },
      json: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const problem = loadProblem(folder);
    const mode = oneOf("mode", values.mode, ["search", "verify"] as const, "search");
    const split = typeof values.split === "string" ? values.split : "train";
    const seed = integer("seed", values.seed, 0);
    const programFile =
      typeof values.program === "string" ? path.resolve(values.program) : problem.programPath;
    let code: string;
    try {
      code = fs.readFileSync(programFile, "utf8");
    } catch (error) {
      throw new StewardError(
        "usage",
        `--program ${programFile}: ${(error as NodeJS.ErrnoException).code ?? "cannot read"}: give a readable program file`,
        { cause: error },
      );
    }

    const sandbox = chooseSandbox(values.sandbox, problem.charter.sandbox);
    requireNeeds(problem.charter.needs, problem.charter.name);
    if (!values.json) io.out(sandboxLine(sandbox));
    const outcome = await evaluateProgram(problem, { code, mode, split, seed });
    const ids = record(problem.dir, code, outcome);
    if (values.json) {
      io.out(
        JSON.stringify({
          sandboxLine: sandboxLine(sandbox),
          ...outcome,
          programId: ids.programId,
          evaluationId: ids.evaluationId,
          program: programFile,
        }),
      );
    } else {
      io.out(formatOutcome(outcome, problem.charter.objective.metric));
    }
    return outcome.outcome === "ok" ? EXIT.ok : EXIT.failed;
  },
};

function record(problemDir: string, code: string, outcome: EvaluationOutcome) {
  const store = openProblemStore(problemDir);
  try {
    const { program } = store.addProgram({ hash: programHash(code), code, origin: "cli" });
    const evaluation = store.addEvaluation(program.id, outcome);
    return { programId: program.id, evaluationId: evaluation.id };
  } finally {
    store.close();
  }
}
