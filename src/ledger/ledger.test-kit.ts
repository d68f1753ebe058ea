/**
 * For tests: a problem folder in a temp dir with a real SQLite store and a
 * ledger of a few entries, and ways to tamper with it the way an attacker with
 * write access would (better-sqlite3 on the file, edits to the checkpoint file).
 */
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openProblemStore, problemStorePath } from "../store/problem-store.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { type Checkpoint, signCheckpoint } from "./checkpoint.ts";
import { checkpointFilePath } from "./checkpoint-file.ts";
import { encodePublicKey } from "./ed25519.ts";
import type { EntryKind } from "./entry-kinds.ts";
import { Ledger } from "./ledger.ts";
import type { LedgerKey } from "./ledger-key.ts";
import { merkleRoot } from "./merkle.ts";
import { type VerifyOptions, verifyLedger } from "./verify-ledger.ts";

export const SAMPLE_KINDS: EntryKind[] = [
  "run-start",
  "charter-pin",
  "proposal",
  "gate-result",
  "approval",
  "deploy",
];

/** A fresh problem folder; its ledger holds one entry per kind in `kinds`. */
export function makeProblem(root: string, kinds: EntryKind[] = SAMPLE_KINDS): string {
  const dir = fs.mkdtempSync(path.join(root, "problem-"));
  withLedger(dir, (ledger) => {
    for (const [i, kind] of kinds.entries()) ledger.append(kind, { n: i, note: `entry ${i}` });
  });
  return dir;
}

export function withLedger<T>(dir: string, fn: (ledger: Ledger) => T): T {
  const store = openProblemStore(dir);
  try {
    return fn(new Ledger(store, dir));
  } finally {
    store.close();
  }
}

export function verifyProblem(dir: string, options: VerifyOptions = {}) {
  const store = openProblemStore(dir);
  try {
    return verifyLedger(store, dir, options);
  } finally {
    store.close();
  }
}

/** Runs SQL on the problem's store file behind Steward's back. */
export function tamperDb(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(problemStorePath(dir));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** Rewrites the checkpoint file's lines. */
export function tamperCheckpointFile(dir: string, fn: (lines: string[]) => string[]): void {
  const file = checkpointFilePath(dir);
  const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
  fs.writeFileSync(
    file,
    fn(lines)
      .map((line) => `${line}\n`)
      .join(""),
  );
}

/** A key of the attacker's own: it was never in the config folder. */
export function strangerKey(): LedgerKey {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { file: "", privateKey, publicKey: encodePublicKey(privateKey) };
}

/**
 * Rewrites the folder as a whole, consistently, as someone who can write it
 * (but has no ledger key) would: keeps the first `keep` entries (all when
 * undefined), then re-signs a checkpoint of every size with `key`, in the store
 * and in the checkpoint file. `verifyLedger` alone then finds nothing wrong
 * with the log; only the key, or a witness kept elsewhere, gives it away.
 */
export function rewriteLedger(dir: string, key: LedgerKey, keep?: number): Checkpoint[] {
  const resigned: Checkpoint[] = [];
  tamperDb(dir, (db) => {
    if (keep !== undefined) db.prepare("DELETE FROM ledger_entries WHERE seq > ?").run(keep);
    const rows = db.prepare("SELECT leaf_hash FROM ledger_entries ORDER BY seq").all() as {
      leaf_hash: string;
    }[];
    const leaves = rows.map((r) => Buffer.from(r.leaf_hash, "hex"));
    db.prepare("DELETE FROM ledger_checkpoints").run();
    const insert = db.prepare("INSERT INTO ledger_checkpoints VALUES (?, ?, ?, ?, ?)");
    for (let size = 1; size <= leaves.length; size++) {
      const root = merkleRoot(leaves.slice(0, size)).toString("hex");
      const c = signCheckpoint(key, size, root, "2020-01-01T00:00:00.000Z");
      insert.run(c.size, c.root, c.time, c.publicKey, c.signature);
      resigned.push(c);
    }
  });
  tamperCheckpointFile(dir, () => resigned.map((c) => canonicalJson(c)));
  return resigned;
}

export function tempRoot(prefix = "steward-ledger-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
