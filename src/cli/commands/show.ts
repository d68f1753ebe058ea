/** `steward show PROBLEM ID`: everything a reviewer needs about one proposal. */
import { loadProposal } from "../../oversight/proposal-check.ts";
import { visibleJson } from "../../util/visible-text.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { problemAndId, withProblem } from "../problem-session.ts";
import { proposalPage } from "../proposal-view.ts";
import { approvalState } from "./review.ts";

const usage = `Usage: steward show PROBLEM ID [--json]

Shows proposal ID: its diff against the champion, both programs' metrics side
by side, every gate's result with its evidence, lineage, the mutator's
rationale, the verdicts so far and the content hash approvals sign.`;

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
      io.out(
        values.json
          ? visibleJson({ ...proposal, verdicts, approvals })
          : proposalPage(proposal, verdicts, approvals),
      );
      return EXIT.ok;
    });
  },
};
