/**
 * The ledger: an append-only RFC 6962 Merkle log of everything oversight does,
 * kept in the problem's store, with a signed checkpoint (size, root) written to
 * the store and to PROBLEM/.steward/ledger-checkpoints.jsonl after every append.
 * `verifyLedger` re-derives all of it; this class only writes and reads.
 */
import { StewardError } from "../errors.ts";
import type { Store } from "../store/store.ts";
import { type Checkpoint, checkpointSignatureValid, signCheckpoint } from "./checkpoint.ts";
import { appendCheckpointLine, readCheckpointFile } from "./checkpoint-file.ts";
import { type EntryBody, encodeEntryBody, parseEntryBody } from "./entry-body.ts";
import type { EntryKind } from "./entry-kinds.ts";
import { type LedgerKey, ledgerKey } from "./ledger-key.ts";
import { type Hash, inclusionProof, leafHash } from "./merkle.ts";
import { MerkleFrontier } from "./merkle-frontier.ts";
import { LEDGER_PROOF_FORMAT, type LedgerProof } from "./proof.ts";
import { type LedgerWitness, makeWitness } from "./witness.ts";

export interface LedgerEntry extends EntryBody {
  /** 1, 2, 3...: the row in the store; index = seq - 1. */
  seq: number;
  /** RFC 6962 leaf hash of the canonical body, hex. */
  leafHash: string;
}

export interface LedgerOptions {
  /** The clock entries and checkpoints are stamped with (tests fix it). */
  now?: () => Date;
}

export class Ledger {
  readonly #store: Store;
  readonly #dir: string;
  readonly #now: () => Date;
  #leaves: Hash[] = [];
  #frontier = new MerkleFrontier();
  #loaded = false;
  #signedBy: string | undefined;
  #key: LedgerKey | undefined;

  constructor(store: Store, problemDir: string, options: LedgerOptions = {}) {
    this.#store = store;
    this.#dir = problemDir;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Appends an entry and signs a checkpoint of the new tree. Joins an outer
   * store transaction when there is one; the checkpoint line goes to the file
   * once that transaction commits (never for one that rolls back).
   */
  append(kind: EntryKind, data: Record<string, unknown>): LedgerEntry {
    return this.#store.transaction(() => {
      this.#sync();
      const index = this.#leaves.length;
      const time = this.#now().toISOString();
      const body = encodeEntryBody({ index, kind, time, data });
      const leaf = leafHash(body);
      const row = this.#store.ledger.append({
        kind,
        body,
        leafHash: leaf.toString("hex"),
        createdAt: time,
      });
      if (row.seq !== index + 1) {
        throw new StewardError(
          "store-failed",
          `the ledger of ${this.#dir} put entry ${index} at seq ${row.seq}, not ${index + 1}: run "steward audit verify ${this.#dir}"`,
        );
      }
      this.#push(leaf);
      const key = this.#signingKey();
      const root = this.#frontier.root().toString("hex");
      const checkpoint = signCheckpoint(key, index + 1, root, time);
      this.#store.ledger.addCheckpoint(checkpoint);
      this.#store.afterCommit(() => {
        // A file left behind (an earlier write failed on a full disk) catches up here.
        if (!appendCheckpointLine(this.#dir, checkpoint)) this.#catchUpFile();
      });
      return { seq: row.seq, index, kind, time, data, leafHash: row.leafHash };
    });
  }

  /** Every entry, oldest first. */
  entries(): LedgerEntry[] {
    return this.#store.ledger.list().map((row) => {
      const body = parseEntryBody(row.body);
      if (!body) throw this.#tampered(`entry ${row.seq - 1} (seq ${row.seq}) is unreadable`);
      return { ...body, seq: row.seq, leafHash: row.leafHash };
    });
  }

  size(): number {
    this.#sync();
    return this.#leaves.length;
  }

  /** The Merkle tree hash of the whole log, hex. */
  root(): string {
    this.#sync();
    return this.#frontier.root().toString("hex");
  }

  /** A proof that entry `index` is in the log, checkable without the store (`checkProof`). */
  prove(index: number): LedgerProof {
    const size = this.size();
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new StewardError(
        "not-found",
        size === 0
          ? `the ledger of ${this.#dir} is empty: there is no entry ${index}`
          : `the ledger of ${this.#dir} has no entry ${index}: entries are 0 to ${size - 1}`,
      );
    }
    const body = parseEntryBody(this.#store.ledger.get(index + 1)?.body ?? "");
    const checkpoint = this.#store.ledger.checkpoints().at(-1);
    const root = this.root();
    if (!body) throw this.#tampered(`entry ${index} is unreadable`);
    if (checkpoint?.size !== size || checkpoint.root !== root) {
      throw this.#tampered("its last checkpoint does not cover the log");
    }
    return {
      format: LEDGER_PROOF_FORMAT,
      index,
      size,
      leafHash: (this.#leaves[index] as Hash).toString("hex"),
      root,
      proof: inclusionProof(this.#leaves, index).map((h) => h.toString("hex")),
      entry: body,
      checkpoint,
    };
  }

  /**
   * The latest signed checkpoint as a witness to keep outside the folder
   * (`steward audit checkpoint`); `problem` is the charter's name for it.
   */
  witness(problem: string): LedgerWitness {
    const size = this.size();
    const checkpoint = this.#store.ledger.checkpoints().at(-1);
    if (size === 0 || !checkpoint) {
      throw new StewardError(
        "not-found",
        `the ledger of ${this.#dir} is empty: there is no checkpoint to witness yet; run "steward run" first`,
      );
    }
    if (checkpoint.size !== size || checkpoint.root !== this.root()) {
      throw this.#tampered("its last checkpoint does not cover the log");
    }
    return makeWitness(problem, checkpoint, this.#leaves, this.#now().toISOString());
  }

  /** Catches up with the store: cheap when nothing changed behind our back. */
  #sync(): void {
    const count = this.#store.ledger.count();
    const last = this.#leaves.at(-1)?.toString("hex");
    const same =
      this.#loaded &&
      count === this.#leaves.length &&
      (count === 0 || this.#store.ledger.get(count)?.leafHash === last);
    if (!same) this.#load();
  }

  /** Reads every leaf and refuses a log that does not match its last signed checkpoint. */
  #load(): void {
    this.#leaves = [];
    this.#frontier = new MerkleFrontier();
    for (const [i, row] of this.#store.ledger.list().entries()) {
      const leaf = leafHash(row.body);
      if (row.seq !== i + 1 || leaf.toString("hex") !== row.leafHash) {
        throw this.#tampered(`entry ${i} (seq ${row.seq}) does not match its hash`);
      }
      this.#push(leaf);
    }
    const checkpoint: Checkpoint | undefined = this.#store.ledger.checkpoints().at(-1);
    const size = this.#leaves.length;
    if (size > 0 || checkpoint) {
      const root = this.#frontier.root().toString("hex");
      if (checkpoint?.size !== size || checkpoint.root !== root) {
        throw this.#tampered(`its ${size} entries do not match the last signed checkpoint`);
      }
      if (!checkpointSignatureValid(checkpoint)) {
        throw this.#tampered("its last checkpoint's signature does not verify");
      }
    }
    this.#signedBy = checkpoint?.publicKey;
    this.#loaded = true;
    this.#catchUpFile();
  }

  /** Writes the store's checkpoints a crash kept out of the file (those after its last line). */
  #catchUpFile(): void {
    const file = readCheckpointFile(this.#dir);
    if (!file.ok) return; // verification reports it; appending would hide nothing
    const last = Math.max(0, ...file.checkpoints.map((c) => c.size));
    for (const checkpoint of this.#store.ledger.checkpoints()) {
      if (checkpoint.size > last) appendCheckpointLine(this.#dir, checkpoint);
    }
  }

  #push(leaf: Hash): void {
    this.#leaves.push(leaf);
    this.#frontier.append(leaf);
  }

  #signingKey(): LedgerKey {
    if (!this.#key || (this.#signedBy && this.#key.publicKey !== this.#signedBy)) {
      this.#key = ledgerKey(this.#dir, this.#signedBy);
      this.#signedBy = this.#key.publicKey;
    }
    return this.#key;
  }

  #tampered(what: string): StewardError {
    return new StewardError(
      "store-failed",
      `the ledger of ${this.#dir} was changed outside Steward: ${what}. Run "steward audit verify ${this.#dir}" to see which entry; Steward adds nothing to a ledger that does not verify`,
    );
  }
}
