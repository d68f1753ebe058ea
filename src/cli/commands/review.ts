/** `steward review PROBLEM`: the proposals waiting for people. */
import {
  type ApprovalState,
  approvalState as approvalStateOf,
} from "../../oversight/approval-state.ts";
import { supersededProposals } from "../../oversight/supersede.ts";
import type { ProposalRecord } from "../../store/oversight-store.ts";
import { visibleJson } from "../../util/visible-text.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { type ProblemSession, withProblem } from "../problem-session.ts";
import { proposalLine } from "../proposal-view.ts";

const usage = `Usage: steward review PROBLEM [--all] [--include-superseded] [--json]

Lists the open proposals: candidates that beat the champion and passed every
gate, with their objective, gate results and approvals so far. An open
proposal without verdicts is superseded when a newer one against the same
champion, with the same gates, is better on the objective: it is kept and
ledgered but not listed unless --include-superseded (or --all) is given.
--all lists blocked, rejected and deployed proposals too. Look at one with
"steward show PROBLEM ID", then "steward approve" or "steward reject" it.`;

export const reviewCommand: Command = {
  name: "review",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("review", args, {
      all: { type: "boolean" },
      "include-superseded": { type: "boolean" },
      json: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    return withProblem(folder, (session) => {
      const superseded = supersededProposals(
        session.store,
        session.problem.charter.objective.direction,
      );
      const showSuperseded = values.all || values["include-superseded"];
      const proposals = (
        values.all
          ? session.store.oversight.listProposals()
          : session.store.oversight.listProposals("open")
      ).filter((p) => showSuperseded || !superseded.has(p.id));
      const rows = proposals.map((p) => ({
        proposal: p,
        approvals: approvalState(session, p),
        supersededBy: superseded.get(p.id) ?? null,
      }));
      const hidden = showSuperseded ? 0 : superseded.size;
      if (values.json) {
        io.out(
          visibleJson(
            rows.map((r) => ({
              ...r.proposal,
              approvals: r.approvals,
              supersededBy: r.supersededBy,
            })),
          ),
        );
        return EXIT.ok;
      }
      if (rows.length === 0) {
        io.out(values.all ? "no proposals yet" : "no open proposals (--all lists the others)");
      }
      for (const row of rows) io.out(proposalLine(row.proposal, row.approvals, row.supersededBy));
      if (hidden > 0) {
        io.out(
          `${hidden} superseded proposal(s) not listed: newer, better ones against the same champion passed the same gates (--include-superseded lists them)`,
        );
      }
      return EXIT.ok;
    });
  },
};

/** Approvals of an open proposal so far; null for one that is not open. */
export function approvalState(session: ProblemSession, p: ProposalRecord): ApprovalState | null {
  return approvalStateOf(session.problem, session.store, p);
}
