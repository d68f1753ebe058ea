/**
 * Whether the key that signed a ledger's checkpoints is the right one. A valid
 * signature only shows that *some* key signed: whoever rewrites the whole
 * problem folder can re-sign it with a key of their own. So the signer must be
 * vouched for by something the folder does not hold: a ledger key file in this
 * machine's config folder, the key the charter pins (`ledger: { public_key }`,
 * as trustworthy as the charter's own history, e.g. in git), or a key the user
 * names with --trust-key. Anything else fails; nothing here only warns.
 */
import { describeError } from "../errors.ts";
import { findLedgerKey, ledgerKeysDir } from "./ledger-key.ts";
import { failure, type KeySource, type LedgerFailure } from "./ledger-verification.ts";

export interface LedgerTrust {
  /** The key the charter pins, if it pins one. */
  pinned?: string | null;
  /** Keys the user vouches for by name (--trust-key): they win over every other source. */
  keys?: readonly string[];
}

/**
 * Who vouches for `signer`, or why nobody does. A pin or a local key that names
 * another key is a contradiction and fails, unless --trust-key settles it.
 */
export function checkTrust(
  signer: string,
  problemDir: string,
  trust: LedgerTrust,
  warnings: string[],
): KeySource | LedgerFailure {
  if (trust.keys?.includes(signer)) return "trust-key";
  const settle = `if ${signer} is right after all, pass --trust-key ${signer}`;
  if (trust.pinned && trust.pinned !== signer) {
    return failure(
      "bad-signature",
      `the charter pins the ledger key ${trust.pinned} (ledger.public_key), but the checkpoints are signed by ${signer}: the log was re-signed by another key, or the pin is wrong; ${settle}`,
    );
  }
  let local: "same" | "other" | "none" = "none";
  let own: string | undefined;
  try {
    if (findLedgerKey(problemDir, signer)) local = "same";
    else {
      own = findLedgerKey(problemDir)?.publicKey;
      if (own) local = "other";
    }
  } catch (error) {
    warnings.push(`the ledger key could not be read (${describeError(error)})`);
  }
  if (local === "other") {
    return failure(
      "bad-signature",
      `the checkpoints are signed by ${signer}, but this problem's ledger key (in ${ledgerKeysDir()}) is ${own}: the log was re-signed by another key; ${settle}`,
    );
  }
  if (trust.pinned === signer) return "charter";
  if (local === "same") return "local";
  return failure(
    "unknown-key",
    `the checkpoints are signed by ${signer}, which nothing here vouches for: no ledger key in ${ledgerKeysDir()} holds it, the charter pins no ledger key, and no --trust-key names it. Anyone who can write the problem folder can re-sign a rewritten log; check with whoever ran the problem that ${signer} is its ledger key ("steward audit key PROBLEM" prints it there), then pin it in the charter (ledger: { public_key: "${signer}" }) or pass --trust-key ${signer}`,
  );
}
