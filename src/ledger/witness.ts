/**
 * A witness: the ledger's latest signed checkpoint, exported anywhere outside
 * the problem folder (another disk, a git repository, a ticket) by `steward
 * audit checkpoint`. Whoever later rewrites the folder as a whole (entries,
 * database checkpoints and checkpoint file together) cannot make the rewritten
 * log extend it: `steward audit verify --witness FILE` asks for an RFC 6962
 * consistency proof from the witnessed tree to today's.
 *
 * Besides the checkpoint the file keeps the roots of the perfect subtrees the
 * witnessed tree is made of (at most log2(size) + 1 hashes). They are checked
 * against the signed root before use, and they let a failed check name where
 * the log first differs instead of only that it does.
 */
import { z } from "zod";
import type { Checkpoint } from "./checkpoint.ts";
import { checkpointSchema } from "./checkpoint-file.ts";
import { type Hash, largestPowerOfTwoBelow, nodeHash, subtreeRoot } from "./merkle.ts";

export const WITNESS_FORMAT = "steward-ledger-witness/1";

/** One perfect subtree of the witnessed tree: entries first .. first + count - 1. */
export interface WitnessSubtree {
  first: number;
  count: number;
  /** Its Merkle tree hash, hex. */
  hash: string;
}

export interface LedgerWitness {
  format: typeof WITNESS_FORMAT;
  /** One sentence for whoever finds the file. */
  about: string;
  /** The charter's name of the problem. */
  problem: string;
  /** When the witness was exported (the checkpoint has its own time). */
  exportedAt: string;
  checkpoint: Checkpoint;
  /** The tree's perfect subtrees, left to right, largest first. */
  subtrees: WitnessSubtree[];
}

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, { error: "64 lowercase hex digits" });
const witnessSchema = z.object({
  format: z.literal(WITNESS_FORMAT, { error: `"${WITNESS_FORMAT}"` }),
  about: z.string().default(""),
  problem: z.string({ error: "the problem's name" }),
  exportedAt: z.string().default(""),
  checkpoint: checkpointSchema,
  subtrees: z
    .array(
      z.strictObject({
        first: z.number().int().nonnegative(),
        count: z.number().int().positive(),
        hash: hex32,
      }),
    )
    .max(64)
    .default([]),
});

/** The witness of `checkpoint`, whose tree's leaves are the first `checkpoint.size` of `leafHashes`. */
export function makeWitness(
  problem: string,
  checkpoint: Checkpoint,
  leafHashes: readonly Hash[],
  exportedAt: string,
): LedgerWitness {
  const subtrees = perfectSubtrees(checkpoint.size).map(({ first, count }) => ({
    first,
    count,
    hash: subtreeRoot(leafHashes, first, first + count).toString("hex"),
  }));
  return {
    format: WITNESS_FORMAT,
    about: `A signed checkpoint of the Steward ledger of "${problem}": its first ${checkpoint.size} entries hash to root. Keep it outside the problem folder; "steward audit verify PROBLEM --witness THIS-FILE" proves the ledger still extends it.`,
    problem,
    exportedAt,
    checkpoint,
    subtrees,
  };
}

/** The witness in `value` (a parsed JSON file), or what is wrong with it. */
export function parseWitness(
  value: unknown,
): { ok: true; witness: LedgerWitness } | { ok: false; message: string } {
  const parsed = witnessSchema.safeParse(value);
  if (parsed.success) return { ok: true, witness: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join(".") || "the file"}: ${issue?.message}` };
}

/**
 * True when the subtrees are exactly the perfect subtrees of the witnessed size
 * and fold to its signed root: only then may they point at an entry.
 */
export function subtreesMatchRoot(witness: LedgerWitness): boolean {
  const { size, root } = witness.checkpoint;
  const expected = perfectSubtrees(size);
  const { subtrees } = witness;
  if (subtrees.length !== expected.length) return false;
  if (subtrees.some((s, i) => s.first !== expected[i]?.first || s.count !== expected[i]?.count)) {
    return false;
  }
  // MTH splits at the largest power of two, so the root folds them from the right.
  let acc: Hash | undefined;
  for (const subtree of [...subtrees].reverse()) {
    const hash = Buffer.from(subtree.hash, "hex");
    acc = acc ? nodeHash(hash, acc) : hash;
  }
  return acc?.toString("hex") === root;
}

/** The perfect subtrees (power-of-two runs of entries) a tree of `size` leaves is made of. */
export function perfectSubtrees(size: number): { first: number; count: number }[] {
  const runs: { first: number; count: number }[] = [];
  let first = 0;
  while (first < size) {
    // The largest power of two that still fits in what is left.
    const count = largestPowerOfTwoBelow(size - first + 1);
    runs.push({ first, count });
    first += count;
  }
  return runs;
}
