/** `steward review PROBLEM`: the proposals waiting for people. */
import {
  type ApprovalState,
  approvalState as approvalStateOf,
} from "../../oversight/approval-state.ts";
import type { ProposalRecord } from "../../store/oversight-store.ts";
import { visibleJson } from "../../util/visible-text.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { type ProblemSession, withProblem } from "../problem-session.ts";
import { proposalLine } from "../proposal-view.ts";

const usage = `Usage: steward review PROBLEM [--all] [--json]

Lists the open proposals: candidates that beat the champion and passed every
gate, with their objective, gate results and approvals so far. --all lists
blocked, rejected and deployed proposals too. Look at one with
"steward show PROBLEM ID", then "steward approve" or "steward reject" it.`;

export const reviewCommand: Command = {
  name: "review",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("review", args, {
      all: { type: "boolean" },
      json: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    return withProblem(folder, (session) => {
      const proposals = values.all
        ? session.store.oversight.listProposals()
        : session.store.oversight.listProposals("open");
      const rows = proposals.map((p) => ({ proposal: p, approvals: approvalState(session, p) }));
      if (values.json) {
        io.out(visibleJson(rows.map((r) => ({ ...r.proposal, approvals: r.approvals }))));
        return EXIT.ok;
      }
      if (rows.length === 0) {
        io.out(values.all ? "no proposals yet" : "no open proposals (--all lists the others)");
        return EXIT.ok;
      }
      for (const row of rows) io.out(proposalLine(row.proposal, row.approvals));
      return EXIT.ok;
    });
  },
};

/** Approvals of an open proposal so far; null for one that is not open. */
export function approvalState(session: ProblemSession, p: ProposalRecord): ApprovalState | null {
  return approvalStateOf(session.problem, session.store, p);
}
