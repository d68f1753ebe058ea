/** `steward status PROBLEM`: what the problem's runs did. */

import { savedRefusalsOf, topReasons } from "../../engine/refusal-tally.ts";
import { activeRunPid } from "../../engine/run-files.ts";
import { reportTallies } from "../../engine/run-report.ts";
import { firstReachingStored } from "../../engine/target.ts";
import { StewardError } from "../../errors.ts";
import { loadProblem } from "../../problem/load-problem.ts";
import { openProblemStore } from "../../store/problem-store.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward status PROBLEM [--json] [--queue URL] [--target X]

Summarises the problem's runs: status, evaluations, outcomes, the seed's and
the best objective, time spent, LLM spend per model, the most common reasons
mutations were refused (saved every few seconds while a run goes), the latest
meta-notes, proposals waiting for review, and whether an engine is running it now.
For a run evaluated through a queue, which worker ran how many evaluations
(host, worker id, sandbox level, Steward version). With --queue redis://...
(or STEWARD_QUEUE), also the "steward worker"s seen in the last 30 s: host,
sandbox level, versions, jobs done and refused, last heartbeat.
With --target X, for each run the evaluation (in the order evaluations were
acknowledged, the seed's included) at which the best first reached X; repeat
it for several thresholds.`;

export const statusCommand: Command = {
  name: "status",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("status", args, {
      json: { type: "boolean" },
      queue: { type: "string" },
      target: { type: "string", multiple: true },
    });
    const targets = (Array.isArray(values.target) ? values.target.map(String) : []).map((text) => {
      const value = text.trim() === "" ? Number.NaN : Number(text);
      if (!Number.isFinite(value))
        throw new StewardError("usage", `--target must be a number (got "${text}")`);
      return value;
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const problem = loadProblem(folder);
    const store = openProblemStore(problem.dir);
    try {
      const runs = store.runs.list().map((run) => {
        // Tallies the store adds up: a long run has hundreds of thousands of
        // candidates, and status reads none of them.
        const tallies = store.runs.tallies(run.id);
        return {
          ...reportTallies(run, tallies, problem.charter),
          spend: store.llm.spendByModel(run.id),
          notes: store.llm.notes(run.id).at(-1)?.text ?? null,
          arms: tallies.arms,
          evaluatedBy: store.runs.evaluationsByWorker(run.id),
          refusals: savedRefusalsOf(run.state),
          ...(targets.length > 0 && {
            targets: targets.map((target) => ({
              target,
              reached: firstReachingStored(store, run.id, problem.charter, target),
            })),
          }),
        };
      });
      const proposals = {
        open: store.oversight.listProposals("open").length,
        blocked: store.oversight.listProposals("blocked").length,
      };
      const activePid = activeRunPid(problem.dir);
      const queue = typeof values.queue === "string" ? values.queue : process.env.STEWARD_QUEUE;
      // The Redis client loads only when asked for: status starts without it.
      const workers = queue
        ? await (await import("../../queue/worker-registry.ts")).listWorkers(queue)
        : null;
      if (values.json) {
        io.out(
          JSON.stringify({
            problem: problem.charter.name,
            objective: problem.charter.objective,
            activePid,
            proposals,
            runs,
            ...(workers && { workers }),
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
        for (const t of r.targets ?? []) {
          io.out(
            t.reached
              ? `  target ${t.target}: reached at evaluation ${t.reached.evaluations} (program ${t.reached.programId}, ${t.reached.objective})`
              : `  target ${t.target}: not reached in ${r.evaluated} evaluations`,
          );
        }
        for (const s of r.spend) {
          io.out(
            `  ${s.model}: ${s.calls} call(s)${s.failed ? ` (${s.failed} failed)` : ""}, ${s.promptTokens} prompt + ${s.completionTokens} completion tokens, $${s.cost.toFixed(4)}`,
          );
        }
        if (r.arms.length > 1) {
          io.out(
            `  mutators: ${r.arms.map((a) => `${a.arm} ${a.candidates} (${a.improved} improved their parent)`).join(", ")}`,
          );
        }
        if (r.evaluatedBy.some((w) => w.worker !== null)) {
          io.out(
            `  evaluated by: ${r.evaluatedBy.map((w) => `${w.worker ? `${w.worker.host} (${w.worker.id}, sandbox ${w.worker.level}, steward ${w.worker.steward})` : "this machine"} ${w.evaluations}`).join(", ")}`,
          );
        }
        if (r.refusals && r.refusals.total > 0) {
          const top = topReasons(r.refusals.reasons, 3);
          io.out(`  refused mutations: ${r.refusals.total} (most common: ${top})`);
        }
        if (r.notes) io.out(`  meta-notes: ${r.notes.replace(/\s+/g, " ").slice(0, 300)}`);
      }
      if (proposals.open + proposals.blocked > 0) {
        io.out(
          `proposals: ${proposals.open} open, ${proposals.blocked} blocked by gates ("steward review ${folder}")`,
        );
      }
      if (workers) {
        io.out(`workers seen: ${workers.length}`);
        for (const w of workers)
          io.out(
            `  ${w.host} ${w.id}: sandbox ${w.level}, steward ${w.steward}, node ${w.node}, concurrency ${w.concurrency}, ${w.jobsDone} job(s) done${w.refused ? `, ${w.refused} refused` : ""}, last heartbeat ${w.lastHeartbeat}`,
          );
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
