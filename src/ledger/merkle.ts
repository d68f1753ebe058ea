/**
 * RFC 6962 Merkle tree hashing, as Certificate Transparency does it: a leaf is
 * SHA-256(0x00 || data), an interior node SHA-256(0x01 || left || right), and a
 * tree of n > 1 leaves splits at k, the largest power of two below n. The empty
 * tree's hash is SHA-256 of the empty string. Verification follows RFC 9162
 * section 2.1.3.2, so proofs interoperate with any CT-style verifier.
 */
import { createHash } from "node:crypto";

export type Hash = Buffer;

export function leafHash(data: Buffer | string): Hash {
  return createHash("sha256").update(Buffer.of(0)).update(data).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
}

/** MTH(D[n]) of the leaf hashes, in order. */
export function merkleRoot(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return createHash("sha256").digest();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** The audit path of leaf `index` (RFC 6962 2.1.1): sibling hashes, leaf level first. */
export function inclusionProof(leafHashes: readonly Hash[], index: number): Hash[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`no leaf ${index} in a tree of ${leafHashes.length}`);
  }
  const path: Hash[] = [];
  let start = 0;
  let end = leafHashes.length;
  // Walk down from the root; each level's sibling is pushed, then reversed.
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      path.push(subtreeRoot(leafHashes, start + k, end));
      end = start + k;
    } else {
      path.push(subtreeRoot(leafHashes, start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/** True when `proof` shows `leaf` at `index` in the tree of `size` leaves with this `root`. */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size)) return false;
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** The largest power of two strictly below n (n > 1). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]): the hash of the leaves from `start` up to (not including) `end`. */
export function subtreeRoot(leafHashes: readonly Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leafHashes[start] as Hash;
  const k = largestPowerOfTwoBelow(end - start);
  return nodeHash(
    subtreeRoot(leafHashes, start, start + k),
    subtreeRoot(leafHashes, start + k, end),
  );
}
