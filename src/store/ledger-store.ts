/**
 * Raw storage of the ledger: append-only rows and signed checkpoints. The Merkle
 * hashing, signing and verification live in `src/ledger/`; the store only keeps
 * bytes in order and never rewrites them.
 */

export interface LedgerRow {
  /** 1, 2, 3...: the entry's position in the log is seq - 1. */
  seq: number;
  kind: string;
  /** The canonical JSON that was hashed. */
  body: string;
  /** RFC 6962 leaf hash of `body`, lowercase hex. */
  leafHash: string;
  createdAt: string;
}

export interface NewLedgerRow {
  kind: string;
  body: string;
  leafHash: string;
  createdAt: string;
}

export interface CheckpointRow {
  /** Number of entries the checkpoint covers. */
  size: number;
  /** Merkle tree hash of the first `size` entries, lowercase hex. */
  root: string;
  time: string;
  /** "ed25519:" + base64 of the raw key that signed it. */
  publicKey: string;
  /** base64 ed25519 signature. */
  signature: string;
}

export interface LedgerStore {
  /** Appends a row; its seq is the next one. */
  append(row: NewLedgerRow): LedgerRow;
  /** Rows with seq >= fromSeq (default 1) in seq order, at most `limit`. */
  list(fromSeq?: number, limit?: number): LedgerRow[];
  get(seq: number): LedgerRow | undefined;
  count(): number;
  addCheckpoint(checkpoint: CheckpointRow): void;
  /** All checkpoints, smallest size first. */
  checkpoints(): CheckpointRow[];
}
