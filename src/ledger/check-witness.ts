/**
 * Checks today's log against a witness kept outside the problem folder: the
 * witness's signature holds, the log is at least as long, an RFC 6962
 * consistency proof links the witnessed root to today's, and the same key
 * signed both. A failure names the first entry missing, or the first run of
 * entries that differs from what the witness signed.
 */
import { checkpointSignatureValid } from "./checkpoint.ts";
import {
  entryName,
  failure,
  type LedgerFailure,
  type WitnessCheck,
} from "./ledger-verification.ts";
import { type Hash, subtreeRoot } from "./merkle.ts";
import { consistencyProof, verifyConsistency } from "./merkle-consistency.ts";
import { type LedgerWitness, subtreesMatchRoot } from "./witness.ts";

/** A witness and where it came from (its file), for messages. */
export interface WitnessInput {
  source: string;
  witness: LedgerWitness;
}

/**
 * `leafHashes` are today's (already verified) leaves, `root` their tree hash,
 * `signer` the key today's checkpoints are signed by (null for an empty log).
 */
export function checkWitness(
  { source, witness }: WitnessInput,
  leafHashes: readonly Hash[],
  root: string,
  signer: string | null,
): WitnessCheck | LedgerFailure {
  const { size, time, publicKey } = witness.checkpoint;
  const from = `the witness ${source} (from ${time})`;
  if (!checkpointSignatureValid(witness.checkpoint)) {
    return failure(
      "bad-witness",
      `${from} has a signature that does not verify: the file was changed after Steward wrote it; use an intact copy`,
    );
  }
  const n = leafHashes.length;
  if (size > n) {
    return failure(
      "truncated",
      `the ledger has ${n} entries but ${from} covers ${size}: ${missing(n, size)}; the log was cut back since the witness was taken`,
      n + 1,
    );
  }
  const proof = consistencyProof(leafHashes, size);
  const linked = verifyConsistency(
    size,
    n,
    Buffer.from(witness.checkpoint.root, "hex"),
    Buffer.from(root, "hex"),
    proof,
  );
  if (!linked) return firstDifference(witness, from, leafHashes);
  if (signer !== null && publicKey !== signer) {
    return failure(
      "bad-signature",
      `${from} is signed by ${publicKey}, but the ledger's checkpoints are signed by ${signer}: the log was re-signed with another key since the witness was taken`,
    );
  }
  return {
    source,
    size,
    root: witness.checkpoint.root,
    time,
    proof: proof.map((h) => h.toString("hex")),
  };
}

function missing(n: number, size: number): string {
  return size - n === 1 ? `entry ${n} is missing` : `entries ${n} to ${size - 1} are missing`;
}

/** The first of the witness's subtrees today's log no longer matches, when they can be trusted. */
function firstDifference(
  witness: LedgerWitness,
  from: string,
  leafHashes: readonly Hash[],
): LedgerFailure {
  const { size } = witness.checkpoint;
  const rewritten = `the ledger's first ${size} entries do not hash to the root ${from} signed`;
  if (!subtreesMatchRoot(witness)) {
    return failure("rewritten", `${rewritten}: the log was rewritten since the witness was taken`);
  }
  const differs = witness.subtrees.find(
    (s) => subtreeRoot(leafHashes, s.first, s.first + s.count).toString("hex") !== s.hash,
  );
  if (!differs) {
    return failure("rewritten", `${rewritten}: the log was rewritten since the witness was taken`);
  }
  const last = differs.first + differs.count - 1;
  const where =
    differs.count === 1
      ? `${entryName(differs.first + 1)} differs from the one the witness signed`
      : `entries ${differs.first} to ${last} are not the ones the witness signed (at least one of them was edited, removed, inserted or moved)`;
  return failure("rewritten", `${rewritten}: ${where}`, differs.first + 1);
}
