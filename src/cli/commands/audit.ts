/** `steward audit verify|checkpoint|key|log|prove|check-proof`: check the tamper-evident ledger. */
import fs from "node:fs";
import path from "node:path";
import { StewardError } from "../../errors.ts";
import { decodePublicKey } from "../../ledger/ed25519.ts";
import { ENTRY_KINDS, isEntryKind } from "../../ledger/entry-kinds.ts";
import { Ledger } from "../../ledger/ledger.ts";
import { checkProof } from "../../ledger/proof.ts";
import { summarizeData } from "../../ledger/summarize-entry.ts";
import { verifyLedger } from "../../ledger/verify-ledger.ts";
import { verifyStore } from "../../oversight/verify-store.ts";
import { openProblemStore, problemStorePath } from "../../store/problem-store.ts";
import type { Store } from "../../store/store.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, type CommandIO, EXIT } from "../command.ts";
import {
  exportCheckpoint,
  ledgerOptions,
  printLedgerKey,
  warnAboutWitnesses,
} from "./audit-witness.ts";

const usage = `Usage: steward audit verify PROBLEM [--witness FILE]... [--trust-key KEY]... [--json]
       steward audit checkpoint PROBLEM [--out FILE] [--trust-key KEY]...
       steward audit key PROBLEM [--json]
       steward audit log PROBLEM [--kind KIND] [--json]
       steward audit prove PROBLEM ENTRY [--out FILE]
       steward audit check-proof FILE [--key KEY] [--json]

The ledger is an append-only Merkle log (RFC 6962 hashing) of what oversight
did: runs, charter pins and changes, proposals, gate results, approvals,
rejections, deploys, rollbacks, stops. After every entry Steward signs a
checkpoint (size and root) with the problem's ledger key, kept outside the
problem in ~/.config/steward/ledger-keys/, and writes it both to the store and
to PROBLEM/.steward/ledger-checkpoints.jsonl.

  verify       re-derive every hash and check every checkpoint; names the
               first entry that was edited, deleted, inserted, reordered or
               cut off, or the checkpoint that was changed or re-signed; then
               check the store's pins, champions, proposals and verdicts (and
               the programs they sign) against the rows the ledger recorded,
               naming each row edited, deleted, inserted or reordered
               --witness FILE (repeatable): also prove, with an RFC 6962
               consistency proof, that the ledger extends the checkpoint in
               FILE; a log cut back or rewritten since fails, naming the first
               entry missing or differing, even if the whole .steward folder
               was rewritten and re-signed
               The checkpoints must be signed by a key something outside the
               folder vouches for: this machine's ledger key file, the key the
               charter pins (ledger: { public_key: ... }), or one named with
               --trust-key KEY (repeatable); any other key FAILS
  checkpoint   write the latest signed checkpoint (size, root, time, key,
               signature, problem name) as a witness file to --out FILE, or
               print it; keep it outside the problem (another disk, a git
               repository, a ticket). The ledger must verify first
  key          print the ledger's public key and the charter lines that pin it
  log          one line per entry: index, time, kind and a summary of its data
               (--kind keeps one kind: ${ENTRY_KINDS.join(", ")})
  prove        print a proof that entry ENTRY (its index, as log shows it) is
               in the log, with the latest signed checkpoint (--out FILE
               writes it to FILE instead)
  check-proof  check such a proof without the store; --key KEY also requires
               the checkpoint to be signed by KEY ("ed25519:...", as verify
               prints it)

Exit codes: 0 ok, 1 the ledger or the proof does not verify, 2 usage.`;

type Values = Record<string, string | boolean | string[] | undefined>;

const KEY_SOURCES = {
  local: "this machine's ledger key",
  charter: "pinned in the charter",
  "trust-key": "trusted with --trust-key",
} as const;

export const auditCommand: Command = {
  name: "audit",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("audit", args, {
      json: { type: "boolean" },
      kind: { type: "string" },
      out: { type: "string" },
      key: { type: "string" },
      witness: { type: "string", multiple: true },
      "trust-key": { type: "string", multiple: true },
    });
    const [action, ...rest] = positionals;
    switch (action) {
      case "verify":
        return verify(operands(rest, ["PROBLEM"])[0], values, io);
      case "checkpoint":
      case "key": {
        const dir = path.resolve(operands(rest, ["PROBLEM"])[0]);
        const act = action === "key" ? printLedgerKey : exportCheckpoint;
        return withStore(dir, (store) => act(dir, store, values, io));
      }
      case "log":
        return log(operands(rest, ["PROBLEM"])[0], values, io);
      case "prove":
        return prove(operands(rest, ["PROBLEM", "ENTRY"]), values, io);
      case "check-proof":
        return checkProofFile(operands(rest, ["FILE"])[0], values, io);
      default:
        throw new StewardError(
          "usage",
          `${action ? `unknown audit action "${action}"` : "expected an action"}: use verify, checkpoint, key, log, prove or check-proof\n\n${usage}`,
        );
    }
  },
};

function verify(folder: string, values: Values, io: CommandIO): number {
  const dir = path.resolve(folder);
  const options = ledgerOptions(dir, values);
  warnAboutWitnesses(dir, options, io);
  const [result, rows] = withStore(dir, (store) => [
    verifyLedger(store, dir, options),
    verifyStore(store),
  ]);
  const ok = result.ok && rows.ok;
  if (values.json)
    io.out(JSON.stringify({ ...result, ok, ledgerOk: result.ok, store: rows }, null, 2));
  else {
    if (result.ok) {
      for (const warning of result.warnings) io.err(`warning: ${warning}`);
      io.out(
        `ledger ok: ${result.size} entries, root ${result.root}, ${result.checkpoints} signed checkpoints${result.publicKey ? ` by ${result.publicKey} (${KEY_SOURCES[result.keySource ?? "local"]})` : ""}`,
      );
      for (const w of result.witnesses) {
        io.out(
          `witness ok: ${w.source} (${w.size} entries, ${w.time}) is a prefix of the ledger (consistency proof of ${w.proof.length} hashes)`,
        );
      }
    } else io.out(`ledger FAILED (${result.problem}): ${result.message}`);
    if (rows.ok) io.out(`store ok: ${rows.rows} oversight rows match the ledger`);
    else {
      io.out(`store FAILED: ${rows.findings.length} row(s) differ from the ledger`);
      for (const finding of rows.findings) io.out(`  ${finding.message}`);
    }
  }
  return ok ? EXIT.ok : EXIT.failed;
}

function log(folder: string, values: Values, io: CommandIO): number {
  const dir = path.resolve(folder);
  const kind = values.kind;
  if (kind !== undefined && !isEntryKind(kind)) {
    throw new StewardError(
      "usage",
      `--kind must be one of ${ENTRY_KINDS.join(", ")} (got "${String(kind)}")`,
    );
  }
  const entries = withStore(dir, (store) => new Ledger(store, dir).entries()).filter(
    (entry) => kind === undefined || entry.kind === kind,
  );
  if (values.json) io.out(JSON.stringify(entries, null, 2));
  else if (entries.length === 0) io.out(kind ? `no ${kind} entries` : "the ledger is empty");
  else {
    const width = String(entries.at(-1)?.index ?? 0).length;
    for (const e of entries) {
      io.out(
        `${String(e.index).padStart(width)}  ${e.time}  ${e.kind.padEnd(14)}  ${summarizeData(e.data)}`.trimEnd(),
      );
    }
  }
  return EXIT.ok;
}

function prove([folder, entry]: readonly [string, string], values: Values, io: CommandIO): number {
  const dir = path.resolve(folder);
  const index = Number(entry);
  if (!/^\d+$/.test(entry ?? "") || !Number.isSafeInteger(index)) {
    throw new StewardError(
      "usage",
      `ENTRY must be an entry's index, as "steward audit log" shows it (got "${entry}")`,
    );
  }
  const proof = withStore(dir, (store) => new Ledger(store, dir).prove(index));
  const text = `${JSON.stringify(proof, null, 2)}\n`;
  if (typeof values.out !== "string") io.out(text);
  else {
    fs.writeFileSync(values.out, text);
    io.out(`wrote the proof of entry ${index} (tree of ${proof.size}) to ${values.out}`);
  }
  return EXIT.ok;
}

function checkProofFile(file: string, values: Values, io: CommandIO): number {
  const key = typeof values.key === "string" ? values.key : undefined;
  if (key !== undefined && !decodePublicKey(key)) {
    throw new StewardError(
      "usage",
      `--key must be "ed25519:" and 44 base64 characters (got "${key}")`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new StewardError("io", `cannot read the proof ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const result = checkProof(value, key);
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else if (!result.ok) io.out(`proof FAILED (${result.problem}): ${result.message}`);
  else {
    const { index, entry, size, root, publicKey } = result;
    io.out(
      `proof ok: entry ${index} (${entry.kind}, ${entry.time}) is in the ledger of ${size} entries with root ${root}, signed by ${publicKey}`,
    );
    if (!key)
      io.out(
        `check that ${publicKey} is the problem's ledger key ("steward audit verify" prints it), or pass --key`,
      );
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

/** Exactly the operands named, or a usage error. */
function operands<const N extends readonly string[]>(
  rest: string[],
  names: N,
): { [K in keyof N]: string } {
  if (rest.length !== names.length) {
    throw new StewardError(
      "usage",
      `expected ${names.join(" ")}, got ${rest.length === 0 ? "nothing" : rest.join(" ")}\n\n${usage}`,
    );
  }
  return rest as { [K in keyof N]: string };
}

/** Opens PROBLEM's existing store (never creates one) for the length of `fn`. */
function withStore<T>(dir: string, fn: (store: Store) => T): T {
  if (!fs.existsSync(problemStorePath(dir))) {
    throw new StewardError(
      "problem-not-found",
      `${dir} has no Steward store (.steward/steward.db): check the PROBLEM folder, or run "steward run" there first`,
    );
  }
  const store = openProblemStore(dir);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
