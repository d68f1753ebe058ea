/** What `verifyLedger` finds: plain data, with the first bad entry named when there is one. */

/** Who vouches for the key that signed the checkpoints. */
export type KeySource =
  /** A ledger key file in this machine's config folder holds it. */
  | "local"
  /** The charter pins it (`ledger: { public_key }`). */
  | "charter"
  /** The user named it with --trust-key. */
  | "trust-key";

/** A witness the log was shown to extend: the proof anyone can re-check. */
export interface WitnessCheck {
  /** Where the witness came from (its file). */
  source: string;
  size: number;
  root: string;
  time: string;
  /** The RFC 6962 consistency proof from the witnessed tree to today's, hex. */
  proof: string[];
}

export type LedgerProblem =
  /** An entry's body changed (its hash, or the signed root over it, no longer matches). */
  | "edited"
  /** An entry is missing from the middle of the log. */
  | "deleted"
  /** An entry that was never appended (or never checkpointed) is in the log. */
  | "inserted"
  /** Entries are in the wrong places. */
  | "reordered"
  /** The log is shorter than a signed checkpoint says it was. */
  | "truncated"
  /** The checkpoint file and the database disagree. */
  | "checkpoint-mismatch"
  /** A checkpoint's signature does not verify, or it is not the problem's key. */
  | "bad-signature"
  /** The checkpoints verify, but with a key nobody vouches for (no local key, pin or --trust-key). */
  | "unknown-key"
  /** The log no longer extends a witnessed checkpoint (kept outside the folder). */
  | "rewritten"
  /** A witness file's own signature does not verify. */
  | "bad-witness"
  /** The store or the checkpoint file cannot be read. */
  | "unreadable";

export type LedgerVerification =
  | {
      ok: true;
      /** Entries in the log. */
      size: number;
      /** Merkle tree hash of the whole log, hex. */
      root: string;
      /** Signed checkpoints that were checked. */
      checkpoints: number;
      /** The key that signed them ("ed25519:..."), null for an empty ledger. */
      publicKey: string | null;
      /** Who vouches for that key; null for an empty ledger. */
      keySource: KeySource | null;
      /** The witnesses the log was shown to extend, with their consistency proofs. */
      witnesses: WitnessCheck[];
      warnings: string[];
    }
  | {
      ok: false;
      problem: LedgerProblem;
      /** The store row (index + 1) of the first bad entry, when one entry is to blame. */
      seq?: number;
      message: string;
    };

export type LedgerFailure = Extract<LedgerVerification, { ok: false }>;

export function failure(problem: LedgerProblem, message: string, seq?: number): LedgerFailure {
  return seq === undefined ? { ok: false, problem, message } : { ok: false, problem, seq, message };
}

/** "entry 4 (seq 5)": how messages name an entry. */
export function entryName(seq: number): string {
  return `entry ${seq - 1} (seq ${seq})`;
}
