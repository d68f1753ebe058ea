/**
 * What `steward audit` needs to trust a ledger from outside its folder:
 * witness files (`audit checkpoint` writes them, `audit verify --witness`
 * reads them), the ledger key the charter pins, keys named with --trust-key,
 * and `audit key`, which prints the key to pin.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { StewardError } from "../../errors.ts";
import { decodePublicKey } from "../../ledger/ed25519.ts";
import { Ledger } from "../../ledger/ledger.ts";
import { findLedgerKey } from "../../ledger/ledger-key.ts";
import { type VerifyOptions, verifyLedger } from "../../ledger/verify-ledger.ts";
import { parseWitness } from "../../ledger/witness.ts";
import type { Charter } from "../../problem/charter.ts";
import { findCharterFile, readCharter } from "../../problem/read-charter.ts";
import type { Store } from "../../store/store.ts";
import { type CommandIO, EXIT } from "../command.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

/** --witness, --trust-key and the charter's pin, read and checked. */
export function ledgerOptions(dir: string, values: Values): VerifyOptions {
  const keys = list(values["trust-key"]).map((key) => {
    if (!decodePublicKey(key)) {
      throw new StewardError(
        "usage",
        `--trust-key must be a ledger public key, "ed25519:" and 44 base64 characters as "steward audit key" prints it (got "${key}")`,
      );
    }
    return key;
  });
  const witnesses = list(values.witness).map((file) => ({
    source: file,
    witness: readWitness(file),
  }));
  return { pinned: charterOf(dir)?.ledger.publicKey ?? null, keys, witnesses };
}

/** Witnesses of another problem (by charter name) are worth a warning; the proof decides. */
export function warnAboutWitnesses(dir: string, options: VerifyOptions, io: CommandIO): void {
  const name = charterOf(dir)?.name;
  for (const { source, witness } of options.witnesses ?? []) {
    if (name && witness.problem !== name) {
      io.err(`warning: the witness ${source} is of problem "${witness.problem}", not "${name}"`);
    }
  }
}

/** `steward audit checkpoint PROBLEM [--out FILE]`: the latest checkpoint, as a witness. */
export function exportCheckpoint(dir: string, store: Store, values: Values, io: CommandIO): number {
  const options = ledgerOptions(dir, values);
  const result = verifyLedger(store, dir, options);
  if (!result.ok) {
    io.out(
      `ledger FAILED (${result.problem}): ${result.message}\nno witness written: a witness of a ledger that does not verify would vouch for it`,
    );
    return EXIT.failed;
  }
  const witness = new Ledger(store, dir).witness(charterOf(dir)?.name ?? path.basename(dir));
  const text = `${JSON.stringify(witness, null, 2)}\n`;
  const out = typeof values.out === "string" ? values.out : undefined;
  if (!out) {
    io.out(text.trimEnd());
    return EXIT.ok;
  }
  try {
    fs.writeFileSync(out, text);
  } catch (error) {
    throw new StewardError(
      "io",
      `cannot write the witness to ${out}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const { size, root, time, publicKey } = witness.checkpoint;
  io.out(
    `wrote the checkpoint of ${size} entries (root ${root}, signed ${time} by ${publicKey}) to ${out}
keep it outside ${dir} (another disk, a git repository, a ticket); later,
"steward audit verify ${dir} --witness ${out}" proves the ledger still extends it`,
  );
  return EXIT.ok;
}

/** `steward audit key PROBLEM`: the key that signs the ledger, and the charter lines that pin it. */
export function printLedgerKey(dir: string, store: Store, values: Values, io: CommandIO): number {
  const checkpoints = store.ledger.checkpoints();
  const signer = checkpoints[0]?.publicKey;
  const keyFile = findLedgerKey(dir, signer);
  const publicKey = signer ?? keyFile?.publicKey ?? null;
  const pinned = charterOf(dir)?.ledger.publicKey ?? null;
  if (values.json) {
    const json = {
      publicKey,
      keyFile: keyFile?.file ?? null,
      checkpoints: checkpoints.length,
      pinned,
    };
    io.out(JSON.stringify(json, null, 2));
    return publicKey ? EXIT.ok : EXIT.failed;
  }
  if (!publicKey) {
    io.out(`${dir} has no ledger key yet: the first ledger entry ("steward run") creates it`);
    return EXIT.failed;
  }
  io.out(`ledger key: ${publicKey}`);
  io.out(
    `  signs ${checkpoints.length} checkpoint(s); ${keyFile ? `private key in ${keyFile.file}` : "no key file on this machine holds it"}`,
  );
  if (pinned === publicKey) io.out("  the charter pins it (ledger.public_key)");
  else {
    if (pinned) io.out(`  the charter pins another key: ${pinned}`);
    io.out(
      `\nPin it in the charter, so a log re-signed with any other key fails "steward audit verify" on every machine:\n\n${YAML.stringify({ ledger: { public_key: publicKey } }).trimEnd()}`,
    );
  }
  return EXIT.ok;
}

function list(value: Values[string]): string[] {
  if (value === undefined || typeof value === "boolean") return [];
  return Array.isArray(value) ? value : [value];
}

function readWitness(file: string) {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new StewardError(
      "usage",
      `cannot read the witness ${file}: ${(error as Error).message}; pass a file "steward audit checkpoint --out" wrote`,
      { cause: error },
    );
  }
  const parsed = parseWitness(value);
  if (!parsed.ok) {
    throw new StewardError(
      "usage",
      `${file} is not a ledger witness (${parsed.message}); pass a file "steward audit checkpoint --out" wrote`,
    );
  }
  return parsed.witness;
}

/** The problem's charter, or undefined when the folder has none (a charter error throws). */
function charterOf(dir: string): Charter | undefined {
  const file = findCharterFile(dir);
  return file ? readCharter(file) : undefined;
}
