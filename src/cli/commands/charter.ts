/** `steward charter accept|status PROBLEM`: the pinned charter files. */
import { StewardError } from "../../errors.ts";
import { acceptCharter } from "../../oversight/charter-accept.ts";
import { describePinChanges, diffPins, PinWatcher } from "../../oversight/charter-pin.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { requiredFlag, withProblem } from "../problem-session.ts";

const usage = `Usage: steward charter accept PROBLEM --as NAME
       steward charter status PROBLEM [--json]

A run pins the hashes of steward.yaml, the evaluator and the driver with every
file they import, and everything under data/ and prompts/ (symbolic links by
their text and target), and halts when one changes. "status" shows what
changed since the pin; "accept" signs the current files with NAME's key and
pins them, so runs go on.
When the pinned charter lists approvers, NAME must be one of them.`;

export const charterCommand: Command = {
  name: "charter",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("charter", args, {
      as: { type: "string" },
      json: { type: "boolean" },
    });
    const [action, folder, ...rest] = positionals;
    if ((action !== "accept" && action !== "status") || folder === undefined || rest.length > 0) {
      throw new StewardError(
        "usage",
        `expected "accept PROBLEM" or "status PROBLEM", got ${positionals.map((p) => `"${p}"`).join(" ") || "nothing"}\n\n${usage}`,
      );
    }
    if (action === "accept") {
      const as = requiredFlag(values.as, "as", "NAME (your approver key)", usage);
      return withProblem(folder, ({ problem, store, ledger }) => {
        const { changes } = acceptCharter(problem, store, ledger, as);
        io.out(
          changes.length === 0
            ? "nothing to accept: the charter files match the pin"
            : `accepted as ${as}: ${describePinChanges(changes)}; runs may go on ("steward run ${folder}")`,
        );
        return EXIT.ok;
      });
    }
    return withProblem(folder, ({ problem, store }) => {
      const pin = store.oversight.latestPin();
      const current = new PinWatcher(problem).current();
      const changes = pin ? diffPins(pin.files, current) : [];
      if (values.json) {
        io.out(JSON.stringify({ pinned: pin ?? null, current, changes }));
      } else if (!pin) {
        io.out("not pinned yet: the first run pins the charter files");
      } else {
        io.out(
          `pinned ${pin.createdAt}${pin.acceptedBy ? ` (accepted by ${pin.acceptedBy})` : ""}: ${Object.keys(pin.files).join(", ")}`,
        );
        io.out(
          changes.length === 0
            ? "unchanged since"
            : `changed since: ${describePinChanges(changes)}; accept with "steward charter accept ${folder} --as NAME"`,
        );
      }
      return changes.length === 0 ? EXIT.ok : EXIT.failed;
    });
  },
};
