/** Ledger rows and checkpoints in the SQLite store (schema: migration 3). */
import type { CheckpointRow, LedgerRow, LedgerStore, NewLedgerRow } from "../ledger-store.ts";
import type { SqliteDatabase } from "./connection.ts";

interface EntryRow {
  seq: number;
  kind: string;
  body: string;
  leaf_hash: string;
  created_at: string;
}

interface CheckpointDbRow {
  size: number;
  root: string;
  time: string;
  public_key: string;
  signature: string;
}

const toRow = (row: EntryRow): LedgerRow => ({
  seq: row.seq,
  kind: row.kind,
  body: row.body,
  leafHash: row.leaf_hash,
  createdAt: row.created_at,
});

export class SqliteLedger implements LedgerStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  append(row: NewLedgerRow): LedgerRow {
    const { lastInsertRowid } = this.#db
      .prepare("INSERT INTO ledger_entries (kind, body, leaf_hash, created_at) VALUES (?, ?, ?, ?)")
      .run(row.kind, row.body, row.leafHash, row.createdAt);
    return { ...row, seq: Number(lastInsertRowid) };
  }

  list(fromSeq = 1, limit = -1): LedgerRow[] {
    return this.#db
      .prepare<[number, number], EntryRow>(
        "SELECT * FROM ledger_entries WHERE seq >= ? ORDER BY seq LIMIT ?",
      )
      .all(fromSeq, limit)
      .map(toRow);
  }

  get(seq: number): LedgerRow | undefined {
    const row = this.#db
      .prepare<[number], EntryRow>("SELECT * FROM ledger_entries WHERE seq = ?")
      .get(seq);
    return row && toRow(row);
  }

  count(): number {
    return (
      this.#db.prepare<[], { n: number }>("SELECT count(*) AS n FROM ledger_entries").get()?.n ?? 0
    );
  }

  addCheckpoint(checkpoint: CheckpointRow): void {
    this.#db
      .prepare(
        "INSERT OR REPLACE INTO ledger_checkpoints (size, root, time, public_key, signature) VALUES (?, ?, ?, ?, ?)",
      )
      .run(
        checkpoint.size,
        checkpoint.root,
        checkpoint.time,
        checkpoint.publicKey,
        checkpoint.signature,
      );
  }

  checkpoints(): CheckpointRow[] {
    return this.#db
      .prepare<[], CheckpointDbRow>("SELECT * FROM ledger_checkpoints ORDER BY size")
      .all()
      .map((row) => ({
        size: row.size,
        root: row.root,
        time: row.time,
        publicKey: row.public_key,
        signature: row.signature,
      }));
  }
}
