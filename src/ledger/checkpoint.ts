/**
 * A signed checkpoint: "the first `size` entries hash to `root`", signed with the
 * problem's ledger key. One is written after every append, to the store and to
 * a file beside it, so a log rewritten in the database disagrees with both.
 */
import type { CheckpointRow } from "../store/ledger-store.ts";
import { signatureValid, signText } from "./ed25519.ts";
import type { LedgerKey } from "./ledger-key.ts";

export type Checkpoint = CheckpointRow;

/** The exact text a checkpoint's signature covers. */
export function checkpointText(size: number, root: string, time: string): string {
  return `steward-ledger-checkpoint\n${size}\n${root}\n${time}`;
}

export function signCheckpoint(
  key: LedgerKey,
  size: number,
  root: string,
  time: string,
): Checkpoint {
  const signature = signText(key.privateKey, checkpointText(size, root, time));
  return { size, root, time, publicKey: key.publicKey, signature };
}

/** True when the checkpoint's signature verifies with the key it names. */
export function checkpointSignatureValid(checkpoint: Checkpoint): boolean {
  const { size, root, time, publicKey, signature } = checkpoint;
  return signatureValid(publicKey, checkpointText(size, root, time), signature);
}

export function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return (
    a.size === b.size &&
    a.root === b.root &&
    a.time === b.time &&
    a.publicKey === b.publicKey &&
    a.signature === b.signature
  );
}
