/** `steward run PROBLEM`: evolve the program until the budget or a stop. */

import { evolve } from "../../engine/evolve.ts";
import type { RunEvent } from "../../engine/run-events.ts";
import { DEFAULT_WORKERS } from "../../engine/run-options.ts";
import { describeTarget, watchTarget } from "../../engine/target.ts";
import { StewardError } from "../../errors.ts";
import { MODEL_SPEC_EXPECTED, MODEL_SPEC_PATTERN } from "../../problem/charter-mutators.ts";
import { charterWarnings } from "../../problem/charter-warnings.ts";
import { requireNeeds } from "../../problem/check-needs.ts";
import { loadProblem } from "../../problem/load-problem.ts";
import { parseDuration } from "../../util/duration.ts";
import { integer, onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { progressPrinter } from "../progress.ts";
import { chooseSandbox, SANDBOX_FLAG_HELP, sandboxLine } from "../sandbox-choice.ts";

const usage = `Usage: steward run PROBLEM [options]

Evolves the program with the charter's mutators (default: the offline gp
mutator): keeps evaluations in flight, stores every candidate and result in
PROBLEM/.steward/steward.db, and stops on its budget (the charter's budget:
section, or the flags below, which take precedence) or on "steward stop
PROBLEM". Running it again resumes the last run (after a stop, a crash or
kill -9) with nothing acknowledged lost. A candidate that beats the champion
goes through the charter's gates and, if it passes, waits as a proposal for
"steward review PROBLEM". The run halts if a pinned charter file changes.

Options:
  --max-evals N    stop after N evaluations in the run (all sessions counted)
  --max-time T     stop after T of run time (e.g. 90s, 15m, 2h; all sessions counted)
  --target X       stop once the objective reaches X, and report how many
                   evaluations (the seed's included) and how much run time it
                   took (a last line "target X reached at evaluation N after T";
                   with --json a {"type":"target",...} line after "stopped")
  --workers N      evaluations in flight at once (default ${DEFAULT_WORKERS}, the number of cores)
  --queue URL      evaluate on "steward worker"s through Redis (redis://HOST:PORT[/DB],
                   rediss:// for TLS; default $STEWARD_QUEUE, then the charter's queue:): this process stays the
                   coordinator (store, population, gates, ledger, keys); gates run here
  --max-in-flight N  with --queue: jobs queued or running at most (default the
                   charter's max_in_flight, else twice the worker slots seen)
  --seed N         seed of a new run's random generator (default 1)
  --new            start a new run instead of resuming the last one
  --islands N      islands of the population (new runs only; default 4)
  --model SPEC     propose with this model instead of the charter's mutators;
                   repeat it for several. SPEC is "gp" or PROVIDER:MODEL[@BASE_URL]
                   (openai, anthropic, google, ollama, llamacpp, lmstudio, vllm,
                   openrouter, openai-compatible), e.g. openai:gpt-4.1-mini or
                   ollama:qwen2.5-coder. Keys come from OPENAI_API_KEY,
                   ANTHROPIC_API_KEY, GOOGLE_GENERATIVE_AI_API_KEY,
                   OPENROUTER_API_KEY; they never reach the evaluator or sandbox.
${SANDBOX_FLAG_HELP}
  --json           print progress as JSON lines
  -h, --help       show this help

The first line names the sandbox level, e.g. "sandbox: bubblewrap (no network,
read-only system, private tmp)" (with --json: {"type":"sandbox",...}).

Exit codes: 0 the run stopped on its budget, target or a stop request; 1 it
failed (e.g. the seed does not evaluate) or halted on a charter change; 2 usage
or charter error, no isolating sandbox here and --sandbox process not given,
or something the charter's needs lists is missing here.`;

export const runCommand: Command = {
  name: "run",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("run", args, {
      "max-evals": { type: "string" },
      "max-time": { type: "string" },
      target: { type: "string" },
      workers: { type: "string" },
      queue: { type: "string" },
      "max-in-flight": { type: "string" },
      seed: { type: "string" },
      new: { type: "boolean" },
      islands: { type: "string" },
      model: { type: "string", multiple: true },
      sandbox: { type: "string" },
      json: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const problem = loadProblem(folder);
    const maxTime = values["max-time"];
    const maxTimeMs = typeof maxTime === "string" ? parseDuration(maxTime) : null;
    if (typeof maxTime === "string" && (maxTimeMs === null || maxTimeMs <= 0)) {
      throw new StewardError(
        "usage",
        `--max-time must be a duration like 90s, 15m or 2h (got "${maxTime}")`,
      );
    }
    const target =
      typeof values.target === "string" && values.target.trim() !== ""
        ? Number(values.target)
        : values.target === undefined
          ? null
          : Number.NaN;
    if (target !== null && !Number.isFinite(target))
      throw new StewardError("usage", `--target must be a number (got "${String(values.target)}")`);
    const workers = integer("workers", values.workers, DEFAULT_WORKERS);
    if (workers < 1 || workers > 256)
      throw new StewardError("usage", `--workers must be between 1 and 256 (got ${workers})`);
    const islands = integer("islands", values.islands, 4);
    if (islands < 1 || islands > 64)
      throw new StewardError("usage", `--islands must be between 1 and 64 (got ${islands})`);
    const maxEvals =
      values["max-evals"] === undefined ? null : integer("max-evals", values["max-evals"], 0);
    if (maxEvals !== null && maxEvals < 1)
      throw new StewardError("usage", `--max-evals must be a positive integer (got ${maxEvals})`);

    const models = modelFlags(values.model);
    const mode = values.json ? "json" : io.isTTY ? "tty" : "plain";
    const sandbox = chooseSandbox(values.sandbox, problem.charter.sandbox);
    requireNeeds(problem.charter.needs, problem.charter.name);
    io.out(
      mode === "json"
        ? JSON.stringify({ type: "sandbox", level: sandbox.level, line: sandboxLine(sandbox) })
        : sandboxLine(sandbox),
    );
    if (mode !== "json")
      for (const warning of charterWarnings(problem.charter))
        io.err(`steward: warning: ${warning}`);
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      const summary = await evolve(problem, {
        budget: {
          ...(maxEvals !== null && { maxEvals }),
          ...(maxTimeMs !== null && { maxTimeMs }),
          ...(target !== null && { target }),
        },
        workers,
        ...(await queueOptions(
          values.queue,
          values["max-in-flight"],
          problem.charter.queue ?? null,
        )),
        seed: integer("seed", values.seed, 1),
        fresh: Boolean(values.new),
        population: { islands },
        ...(models.length > 0 && { models }),
        onEvent: withTarget(
          progressPrinter(io, mode, problem.charter.objective.metric, folder),
          target,
          problem.charter.objective.direction,
          (line) => io.out(line),
          mode === "json",
        ),
        signal: controller.signal,
      });
      const open = summary.openProposals;
      if (open > 0 && mode !== "json")
        io.out(`steward: ${open} open proposal(s) await review: steward review ${folder}`);
      if (summary.reason === "error" || summary.reason === "charter-changed") {
        io.err(`steward run: ${summary.message}`);
        return EXIT.failed;
      }
      return EXIT.ok;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};

/** Passes events on and, with a target, reports when the run reached it once the run stops. */
function withTarget(
  print: (event: RunEvent) => void,
  target: number | null,
  direction: "minimize" | "maximize",
  out: (line: string) => void,
  json: boolean,
): (event: RunEvent) => void {
  if (target === null) return print;
  const watch = watchTarget(target, direction);
  return (event) => {
    watch.observe(event);
    print(event);
    if (event.type !== "stopped") return;
    const evaluated = event.stats.evaluated;
    out(
      json
        ? JSON.stringify({ type: "target", target, reached: watch.reached, evaluated })
        : `steward: ${describeTarget(target, watch.reached, evaluated)}`,
    );
  };
}

/** `--queue`, else STEWARD_QUEUE, else the charter's `queue:`; and `--max-in-flight`. None: the local pool. */
async function queueOptions(
  flag: string | boolean | undefined,
  maxInFlight: string | boolean | undefined,
  charterQueue: string | null,
): Promise<{ queue?: string; maxInFlight?: number }> {
  const url = typeof flag === "string" ? flag : process.env.STEWARD_QUEUE || charterQueue;
  if (!url) return {};
  const limit = maxInFlight === undefined ? null : integer("max-in-flight", maxInFlight, 0);
  if (limit !== null && (limit < 1 || limit > 100_000))
    throw new StewardError("usage", `--max-in-flight must be between 1 and 100000 (got ${limit})`);
  // The Redis client loads only for a queued run.
  const { checkQueueUrl } = await import("../../queue/queue-connection.ts");
  return { queue: checkQueueUrl(url), ...(limit !== null && { maxInFlight: limit }) };
}

function modelFlags(value: unknown): string[] {
  const models = Array.isArray(value) ? value.map(String) : [];
  for (const model of models) {
    if (!MODEL_SPEC_PATTERN.test(model))
      throw new StewardError("usage", `--model must be ${MODEL_SPEC_EXPECTED} (got "${model}")`);
  }
  return models;
}
