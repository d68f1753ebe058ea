/** `steward show PROBLEM ID`: everything a reviewer needs about one proposal. */
import { loadProposal } from "../../oversight/proposal-check.ts";
import type { Store } from "../../store/store.ts";
import { visibleJson, visibleText } from "../../util/visible-text.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { problemAndId, withProblem } from "../problem-session.ts";
import { proposalPage } from "../proposal-view.ts";
import { approvalState } from "./review.ts";

const usage = `Usage: steward show PROBLEM ID [--json]

Shows proposal ID: its diff against the champion, both programs' metrics side
by side, every gate's result with its evidence, lineage, the mutator's
rationale, the verdicts so far and the content hash approvals sign; and which
machine ran each of the program's evaluations (a "steward worker" of a queue:
host, worker id, sandbox level, versions), since gates never trust the worker
that found a candidate.`;

export const showCommand: Command = {
  name: "show",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("show", args, { json: { type: "boolean" } });
    const [folder, id] = problemAndId(positionals, usage);
    return withProblem(folder, (session) => {
      const proposal = loadProposal(session.store, id);
      const verdicts = session.store.oversight.verdicts(id);
      const approvals = approvalState(session, proposal);
      const evaluatedBy = evaluatorsOf(session.store, proposal.programId);
      io.out(
        values.json
          ? visibleJson({ ...proposal, verdicts, approvals, evaluatedBy })
          : proposalPage(proposal, verdicts, approvals) + evaluatedByLines(evaluatedBy),
      );
      return EXIT.ok;
    });
  },
};

/** Who ran each evaluation of a program: a queue worker's identity, or null for this machine. */
function evaluatorsOf(store: Store, programId: number) {
  return store.listEvaluations(programId).map((e) => ({
    mode: e.mode,
    split: e.split,
    outcome: e.outcome,
    worker: e.worker ?? null,
  }));
}

function evaluatedByLines(rows: ReturnType<typeof evaluatorsOf>): string {
  if (!rows.some((r) => r.worker)) return "";
  const lines = rows.map(
    (r) =>
      `  ${r.mode} ${r.split} ${r.outcome}: ${r.worker ? `worker ${r.worker.host} (${r.worker.id}), sandbox ${r.worker.level}, steward ${r.worker.steward}, node ${r.worker.node}` : "this machine"}`,
  );
  // Worker identities come from Redis: shown as visible text like the rest of the page.
  return `\n\nEvaluated by (gates run on this machine, never on the worker that found it):\n${visibleText(lines.join("\n"))}`;
}
