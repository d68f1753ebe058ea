/**
 * `steward audit verify`: re-derives the whole ledger from the store's rows and
 * checks it against the signed checkpoints in the store and in the checkpoint
 * file. Any edited, deleted, inserted, reordered or truncated entry, and any
 * checkpoint that was changed, dropped or re-signed, makes it fail. With
 * witnesses (checkpoints exported outside the folder) it also proves the log
 * still extends each of them, which a rewrite of the whole folder cannot fake;
 * and the signing key must be one something outside the folder vouches for.
 */
import { describeError } from "../errors.ts";
import type { LedgerRow } from "../store/ledger-store.ts";
import type { Store } from "../store/store.ts";
import { checkWitness, type WitnessInput } from "./check-witness.ts";
import { type Checkpoint, checkpointSignatureValid, sameCheckpoint } from "./checkpoint.ts";
import { checkpointFilePath, readCheckpointFile } from "./checkpoint-file.ts";
import { checkTrust, type LedgerTrust } from "./ledger-trust.ts";
import {
  entryName,
  failure,
  type LedgerFailure,
  type LedgerVerification,
  type WitnessCheck,
} from "./ledger-verification.ts";
import { type SignedRoots, verifyEntries } from "./verify-entries.ts";

export type { WitnessInput } from "./check-witness.ts";
export type { LedgerTrust } from "./ledger-trust.ts";
export type { LedgerProblem, LedgerVerification } from "./ledger-verification.ts";

interface Inputs {
  rows: LedgerRow[];
  db: Checkpoint[];
  file: Checkpoint[];
  fileExists: boolean;
  fileTorn: boolean;
}

export interface VerifyOptions extends LedgerTrust {
  /** Checkpoints exported earlier (`steward audit checkpoint`) the log must still extend. */
  witnesses?: readonly WitnessInput[];
}

export function verifyLedger(
  store: Store,
  problemDir: string,
  options: VerifyOptions = {},
): LedgerVerification {
  const inputs = readInputs(store, problemDir);
  if ("problem" in inputs) return inputs;
  const warnings: string[] = [];
  const signatures = checkSignatures(inputs);
  if (signatures) return signatures;
  const roots = indexCheckpoints(inputs.db, inputs.file);
  if ("problem" in roots) return roots;
  const walk = verifyEntries(inputs.rows, roots);
  if (!walk.ok) return walk;
  const coverage =
    checkCoverage(inputs.rows.length, inputs) ?? compareSets(roots, inputs, problemDir, warnings);
  if (coverage) return coverage;
  const signer = inputs.db[0]?.publicKey ?? inputs.file[0]?.publicKey ?? null;
  // Witnesses before the key: a cut or rewritten log is named as such even when re-signed.
  const leaves = inputs.rows.map((row) => Buffer.from(row.leafHash, "hex"));
  const witnesses: WitnessCheck[] = [];
  for (const input of options.witnesses ?? []) {
    const checked = checkWitness(input, leaves, walk.root, signer);
    if ("problem" in checked) return checked;
    witnesses.push(checked);
  }
  const keySource = signer === null ? null : checkTrust(signer, problemDir, options, warnings);
  if (typeof keySource === "object" && keySource !== null) return keySource;
  return {
    ok: true,
    size: inputs.rows.length,
    root: walk.root,
    checkpoints: inputs.db.length,
    publicKey: signer,
    keySource,
    witnesses,
    warnings,
  };
}

function readInputs(store: Store, problemDir: string): Inputs | LedgerFailure {
  let rows: LedgerRow[];
  let db: Checkpoint[];
  try {
    rows = store.ledger.list();
    db = store.ledger.checkpoints();
  } catch (error) {
    return failure("unreadable", `cannot read the ledger from the store: ${describeError(error)}`);
  }
  const file = readCheckpointFile(problemDir);
  if (!file.ok) return failure("unreadable", file.message);
  return { rows, db, file: file.checkpoints, fileExists: file.exists, fileTorn: file.torn };
}

/** Every checkpoint verifies, all by one key (whether that key is the right one is checked last). */
function checkSignatures(inputs: Inputs) {
  const all = [
    ...inputs.db.map((c) => ["database", c] as const),
    ...inputs.file.map((c) => ["file", c] as const),
  ];
  // A file checkpoint identical to the database's needs no second check.
  const inDb = new Map(inputs.db.map((c) => [c.size, c]));
  for (const [where, checkpoint] of all) {
    const twin = where === "file" ? inDb.get(checkpoint.size) : undefined;
    if (twin && sameCheckpoint(twin, checkpoint)) continue;
    if (!checkpointSignatureValid(checkpoint)) {
      return failure(
        "bad-signature",
        `the checkpoint of size ${checkpoint.size} in the ${where} has a signature that does not verify`,
      );
    }
  }
  return checkSigner(all);
}

/** All checkpoints are signed by one key: Steward never changes a ledger's key. */
function checkSigner(all: (readonly [string, Checkpoint])[]): LedgerFailure | undefined {
  const signer = all[0]?.[1].publicKey;
  const other = all.find(([, c]) => c.publicKey !== signer);
  if (!signer || !other) return undefined;
  return failure(
    "bad-signature",
    `the checkpoint of size ${other[1].size} in the ${other[0]} is signed by ${other[1].publicKey}, the others by ${signer}: someone re-signed the log`,
  );
}

function indexCheckpoints(db: Checkpoint[], file: Checkpoint[]): SignedRoots | LedgerFailure {
  const roots: SignedRoots = { db: new Map(), file: new Map() };
  for (const checkpoint of db) roots.db.set(checkpoint.size, checkpoint);
  for (const checkpoint of file) {
    const seen = roots.file.get(checkpoint.size);
    if (seen && !sameCheckpoint(seen, checkpoint)) {
      return failure(
        "checkpoint-mismatch",
        `the checkpoint file holds two different checkpoints of size ${checkpoint.size}: the log was rewritten after ${checkpoint.size - 1} entries`,
      );
    }
    roots.file.set(checkpoint.size, checkpoint);
  }
  return roots;
}

/** The newest checkpoint covers exactly the log: not more (truncated), not less (inserted). */
function checkCoverage(size: number, inputs: Inputs): LedgerFailure | undefined {
  const signed = Math.max(0, ...inputs.db.map((c) => c.size), ...inputs.file.map((c) => c.size));
  if (signed > size) {
    return failure(
      "truncated",
      `the log has ${size} entries but a signed checkpoint covers ${signed}: ${entryName(size + 1)} and later were removed`,
      size + 1,
    );
  }
  if (size > signed) {
    return failure(
      "inserted",
      `${entryName(signed + 1)} and later are not covered by any signed checkpoint: they were added outside Steward`,
      signed + 1,
    );
  }
  return undefined;
}

/**
 * The store and the file hold the same checkpoints, except that the file may
 * lag behind the store at its end: a crash between a commit and the file write
 * leaves it so (the next write catches up), and a witness that knows less than
 * the store cannot hide a truncation of the store.
 */
function compareSets(roots: SignedRoots, inputs: Inputs, problemDir: string, warnings: string[]) {
  const file = checkpointFilePath(problemDir);
  if (!inputs.fileExists && roots.db.size > 0) {
    return failure(
      "checkpoint-mismatch",
      `${file} is missing: the database has ${roots.db.size} checkpoints it should hold too`,
    );
  }
  if (inputs.fileTorn) warnings.push(`${file} ends with a line cut short by a crash`);
  const fileLast = Math.max(0, ...roots.file.keys());
  const lagging = [...roots.db.keys()].filter((size) => size > fileLast).length;
  if (lagging > 0) {
    warnings.push(
      `${file} lags ${lagging} checkpoint(s) behind the database (a crash between commit and file write); the next Steward write catches it up`,
    );
  }
  for (const [size, checkpoint] of roots.db) {
    const other = roots.file.get(size);
    if (!other && size > fileLast) continue;
    if (!other)
      return failure(
        "checkpoint-mismatch",
        `the checkpoint of size ${size} is in the database but not in ${file}`,
      );
    if (!sameCheckpoint(checkpoint, other))
      return failure(
        "checkpoint-mismatch",
        `the checkpoint of size ${size} differs between the database and ${file}`,
      );
  }
  for (const size of roots.file.keys()) {
    if (!roots.db.has(size))
      return failure(
        "checkpoint-mismatch",
        `the checkpoint of size ${size} is in ${file} but not in the database`,
      );
  }
  return undefined;
}
