/**
 * An inclusion proof anyone can check without the store: the entry's body, its
 * audit path to the root, and the checkpoint that signs that root. Whoever
 * checks it must still know the problem's ledger public key is the right one
 * (`steward audit check-proof FILE --key KEY` compares it).
 */
import { z } from "zod";
import { canonicalJson } from "../util/canonical-json.ts";
import { checkpointSignatureValid } from "./checkpoint.ts";
import { checkpointSchema } from "./checkpoint-file.ts";
import { type EntryBody, parseEntryBody } from "./entry-body.ts";
import { leafHash, verifyInclusion } from "./merkle.ts";

export const LEDGER_PROOF_FORMAT = "steward-ledger-proof/1";

export interface LedgerProof {
  format: typeof LEDGER_PROOF_FORMAT;
  /** The entry's position in the log (seq - 1). */
  index: number;
  /** The tree size the proof is against; equals checkpoint.size. */
  size: number;
  leafHash: string;
  root: string;
  /** The audit path, leaf level first, hex. */
  proof: string[];
  entry: EntryBody;
  checkpoint: { size: number; root: string; time: string; publicKey: string; signature: string };
}

export type ProofCheck =
  | { ok: true; index: number; size: number; root: string; publicKey: string; entry: EntryBody }
  | {
      ok: false;
      problem: "malformed" | "leaf-mismatch" | "not-included" | "bad-signature" | "wrong-key";
      message: string;
    };

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const proofSchema = z.object({
  format: z.literal(LEDGER_PROOF_FORMAT),
  index: z.number().int().nonnegative(),
  size: z.number().int().positive(),
  leafHash: hex32,
  root: hex32,
  proof: z.array(hex32),
  entry: z.record(z.string(), z.unknown()),
  checkpoint: checkpointSchema,
});

/**
 * Checks a proof on its own: the leaf hash is the body's, the path leads to the
 * root, and the checkpoint over that root and size carries a valid signature
 * (by `publicKey` when one is given).
 */
export function checkProof(value: unknown, publicKey?: string): ProofCheck {
  const parsed = proofSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "the proof";
    return fail("malformed", `${where}: ${issue?.message ?? "invalid"}`);
  }
  const p = parsed.data;
  const text = canonicalJson(p.entry);
  const body = parseEntryBody(text);
  if (!body) return fail("malformed", "entry is not a ledger entry body");
  const leaf = leafHash(text);
  if (leaf.toString("hex") !== p.leafHash) {
    return fail(
      "leaf-mismatch",
      "the entry's hash is not the proof's leafHash: the entry was changed",
    );
  }
  if (body.index !== p.index) {
    return fail(
      "leaf-mismatch",
      `the entry says it is entry ${body.index}, the proof says ${p.index}`,
    );
  }
  const path = p.proof.map((h) => Buffer.from(h, "hex"));
  if (!verifyInclusion(leaf, p.index, p.size, path, Buffer.from(p.root, "hex"))) {
    return fail(
      "not-included",
      `the audit path does not lead from entry ${p.index} to the root of ${p.size}`,
    );
  }
  if (p.checkpoint.size !== p.size || p.checkpoint.root !== p.root) {
    return fail("not-included", "the checkpoint is not over the proof's size and root");
  }
  if (!checkpointSignatureValid(p.checkpoint)) {
    return fail("bad-signature", "the checkpoint's signature does not verify with its public key");
  }
  if (publicKey !== undefined && p.checkpoint.publicKey !== publicKey) {
    return fail(
      "wrong-key",
      `the checkpoint is signed by ${p.checkpoint.publicKey}, not ${publicKey}`,
    );
  }
  return {
    ok: true,
    index: p.index,
    size: p.size,
    root: p.root,
    publicKey: p.checkpoint.publicKey,
    entry: body,
  };
}

function fail(problem: Exclude<ProofCheck, { ok: true }>["problem"], message: string): ProofCheck {
  return { ok: false, problem, message };
}
