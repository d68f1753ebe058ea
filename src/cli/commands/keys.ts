/** `steward keys create|list|show`: the approver keys in your Steward config folder. */
import YAML from "yaml";
import { StewardError } from "../../errors.ts";
import {
  type ApproverKey,
  createApproverKey,
  keysDir,
  listApproverKeys,
  loadApproverKey,
} from "../../oversight/keys.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, type CommandIO, EXIT } from "../command.ts";

const usage = `Usage: steward keys create NAME [--force]
       steward keys list
       steward keys show NAME

Approver keys are ed25519 key pairs that belong to people. A deploy needs
signed approvals from the people the charter (steward.yaml) lists under
approvals.approvers; "steward approve PROBLEM ID --as NAME" signs with NAME's key.

  create NAME   Make a new key pair and print its public key with a charter
                snippet to paste. NAME: up to 64 letters, digits, ".", "_", "-",
                starting with a letter or digit, usually your own name. Names
                that stand for machines (steward, engine, gp, llm, ai, system)
                are refused: the engine and any AI can never approve.
  --force       Replace an existing key of that name. Approvals signed with the
                old key stop counting once the charter lists the new one.
  list          The keys in your config folder and their public keys.
  show NAME     One key's public key and charter snippet.

Private keys stay in $STEWARD_CONFIG_DIR/keys (default: $XDG_CONFIG_HOME/steward/keys
or ~/.config/steward/keys), readable only by you; never put them in a problem
folder or share them. Only the public key goes into the charter.
Exit codes: 0 ok, 1 a key is missing or unreadable, 2 usage.`;

export const keysCommand: Command = {
  name: "keys",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("keys", args, {
      force: { type: "boolean" },
    });
    if (values.help) {
      io.out(usage);
      return EXIT.ok;
    }
    const [action, name, ...rest] = positionals;
    if (action === "list" && name === undefined) return list(io);
    if ((action === "create" || action === "show") && name !== undefined && rest.length === 0) {
      if (values.force && action !== "create") throw usageError("--force only goes with create");
      const key =
        action === "create"
          ? createApproverKey(name, { force: Boolean(values.force) })
          : loadApproverKey(name);
      if (action === "create") io.out(`created approver key "${name}" in ${keysDir()}`);
      printKey(key, io);
      return EXIT.ok;
    }
    throw usageError(
      `expected "create NAME", "list" or "show NAME", got ${positionals.map((p) => `"${p}"`).join(" ") || "nothing"}`,
    );
  },
};

function list(io: CommandIO): number {
  const keys = listApproverKeys();
  if (keys.length === 0) {
    io.out(`no approver keys in ${keysDir()}: create one with "steward keys create NAME"`);
    return EXIT.ok;
  }
  for (const key of keys) {
    io.out(`${key.name}  ${key.publicKey ?? `(unreadable: ${key.problem})`}`);
  }
  return keys.every((key) => key.publicKey !== null) ? EXIT.ok : EXIT.failed;
}

function printKey(key: ApproverKey, io: CommandIO): void {
  io.out(`public key: ${key.publicKey}`);
  io.out("");
  io.out(
    "To let this key approve deploys, add it under approvals.approvers in the problem's steward.yaml:",
  );
  io.out("");
  io.out(charterSnippet(key));
}

/** The YAML to paste into steward.yaml (quoted where YAML would misread the name). */
export function charterSnippet(key: Pick<ApproverKey, "name" | "publicKey">): string {
  return YAML.stringify({
    approvals: { approvers: [{ name: key.name, key: key.publicKey }] },
  }).trimEnd();
}

function usageError(problem: string): StewardError {
  return new StewardError("usage", `${problem}\n\n${usage}`);
}
