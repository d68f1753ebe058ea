/** `steward approve` and `steward reject`: a person's signed verdict on a proposal. */
import { decideProposal } from "../../oversight/decide-proposal.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { problemAndId, requiredFlag, withProblem } from "../problem-session.ts";

const approveUsage = `Usage: steward approve PROBLEM ID --as NAME [-m TEXT] [--include-superseded]

Signs proposal ID's content hash with NAME's key (made by "steward keys create
NAME", kept in your config folder) and records the approval. NAME's public key
must be listed under approvals.approvers in steward.yaml. With deploy.auto, the
proposal is deployed as soon as it has enough approvals; otherwise run
"steward deploy PROBLEM ID". A superseded proposal (a newer, better one
against the same champion passed the same gates; see "steward review") is
refused unless --include-superseded is given.`;

const rejectUsage = `Usage: steward reject PROBLEM ID --as NAME -m TEXT [--include-superseded]

Signs and records a rejection of proposal ID: it can never be deployed. The
message says why, for the ledger and the mutators' authors. A superseded
proposal needs --include-superseded.`;

function verdictCommand(verdict: "approve" | "reject"): Command {
  const usage = verdict === "approve" ? approveUsage : rejectUsage;
  return {
    name: verdict,
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(verdict, args, {
        as: { type: "string" },
        message: { type: "string", short: "m" },
        "include-superseded": { type: "boolean" },
      });
      const [folder, id] = problemAndId(positionals, usage);
      const as = requiredFlag(values.as, "as", "NAME (your approver key)", usage);
      const message =
        verdict === "reject"
          ? requiredFlag(values.message, "message", "TEXT (why)", usage)
          : typeof values.message === "string"
            ? values.message
            : "";
      return withProblem(folder, ({ problem, store, ledger }) => {
        const { deployable, deployed } = decideProposal(problem, store, ledger, {
          proposalId: id,
          verdict,
          as,
          message,
          includeSuperseded: values["include-superseded"] === true,
        });
        if (verdict === "reject" || !deployable) {
          io.out(`rejected proposal ${id} as ${as}; it can no longer be deployed`);
          return EXIT.ok;
        }
        io.out(
          `approved proposal ${id} as ${as}; ${deployable.allowed ? "it has the approvals it needs" : deployable.reason}`,
        );
        if (deployed) io.out(`deployed proposal ${id} to ${deployed.target} (deploy.auto)`);
        else if (deployable.allowed) io.out(`deploy it with: steward deploy ${folder} ${id}`);
        return EXIT.ok;
      });
    },
  };
}

export const approveCommand = verdictCommand("approve");
export const rejectCommand = verdictCommand("reject");
