/** `steward deploy PROBLEM ID` and `steward rollback PROBLEM`. */
import path from "node:path";
import { deployProposal, rollbackChampion } from "../../oversight/deploy.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { problemAndId, withProblem } from "../problem-session.ts";

const deployUsage = `Usage: steward deploy PROBLEM ID [--json]

Deploys proposal ID if it has the approvals the charter asks for (distinct
listed approvers, signatures on its exact content hash, no rejection): writes
the program to deploy.target atomically, commits it with git if deploy.git is
set (approvers in Approved-by: trailers), and makes it the champion. The
previous champion is kept for "steward rollback". Exit 1 when it is refused.

Before writing it checks the store against the ledger for the proposal's
history (its row, its verdicts, the champions; see "steward audit verify") and
re-hashes the exact bytes it is about to write against the SHA-256 the
approvals signed. On any mismatch it writes nothing, names the mismatch
(expected and found hash) and records the refusal in the ledger
(deploy-refused).`;

const rollbackUsage = `Usage: steward rollback PROBLEM [--json]

Restores the champion before the current one to deploy.target (atomically, with
a git commit if deploy.git is set) and records the rollback in the ledger.
Like deploy, it first checks the champions' rows against the ledger and
re-hashes the bytes it is about to write against those the ledger recorded for
that champion; on any mismatch it writes nothing and records the refusal.`;

export const deployCommand: Command = {
  name: "deploy",
  usage: deployUsage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("deploy", args, { json: { type: "boolean" } });
    const [folder, id] = problemAndId(positionals, deployUsage);
    return withProblem(folder, ({ problem, store, ledger }) => {
      const result = deployProposal(problem, store, ledger, id);
      if (values.json) io.out(JSON.stringify(result));
      else
        io.out(
          `deployed proposal ${id} (program ${result.programId}) to ${path.relative(process.cwd(), result.target) || result.target}, approved by ${result.approvedBy.map((a) => a.name).join(", ")}${result.commit ? `; git commit ${result.commit.slice(0, 12)}` : ""}`,
        );
      return EXIT.ok;
    });
  },
};

export const rollbackCommand: Command = {
  name: "rollback",
  usage: rollbackUsage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("rollback", args, {
      json: { type: "boolean" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", rollbackUsage);
    return withProblem(folder, ({ problem, store, ledger }) => {
      const result = rollbackChampion(problem, store, ledger);
      if (values.json) io.out(JSON.stringify(result));
      else
        io.out(
          `rolled back from program ${result.from} to program ${result.to} in ${result.target}${result.commit ? `; git commit ${result.commit.slice(0, 12)}` : ""}`,
        );
      return EXIT.ok;
    });
  },
};
