/** What `verifyLedger` finds: plain data, with the first bad entry named when there is one. */

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
