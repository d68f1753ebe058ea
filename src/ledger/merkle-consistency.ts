/**
 * RFC 6962 consistency proofs: that the tree of the first m leaves is a prefix
 * of the tree of n leaves, shown with O(log n) hashes. Generation follows RFC
 * 6962 section 2.1.2 (PROOF / SUBPROOF) and verification RFC 9162 section
 * 2.1.4.2 step by step, so a proof interoperates with any CT-style verifier.
 * A witness kept outside the problem folder holds (m, root); a ledger that no
 * longer extends it (cut, rewritten, re-signed) cannot produce a proof.
 */
import { type Hash, largestPowerOfTwoBelow, merkleRoot, nodeHash, subtreeRoot } from "./merkle.ts";

/** PROOF(m, D[n]): hashes that link MTH(D[0:m]) to MTH(D[n]); empty when m is 0 or n. */
export function consistencyProof(leafHashes: readonly Hash[], m: number): Hash[] {
  const n = leafHashes.length;
  if (!Number.isSafeInteger(m) || m < 0 || m > n) {
    throw new RangeError(`no prefix of ${m} leaves in a tree of ${n}`);
  }
  if (m === 0 || m === n) return [];
  return subproof(leafHashes, m, 0, n, true);
}

/**
 * SUBPROOF(m, D[start:end], complete). `complete` says D[start:start+m] is a
 * subtree the verifier already knows the hash of (the old root itself), so it
 * is left out of the proof.
 */
function subproof(
  leafHashes: readonly Hash[],
  m: number,
  start: number,
  end: number,
  complete: boolean,
): Hash[] {
  if (m === end - start) return complete ? [] : [subtreeRoot(leafHashes, start, end)];
  const k = largestPowerOfTwoBelow(end - start);
  if (m <= k) {
    return [
      ...subproof(leafHashes, m, start, start + k, complete),
      subtreeRoot(leafHashes, start + k, end),
    ];
  }
  return [
    ...subproof(leafHashes, m - k, start + k, end, false),
    subtreeRoot(leafHashes, start, start + k),
  ];
}

/**
 * True when `proof` shows the tree of `m` leaves with `oldRoot` is a prefix of
 * the tree of `n` leaves with `newRoot` (RFC 9162 2.1.4.2). Equal sizes need
 * an empty proof and equal roots; the empty tree is a prefix of every tree.
 */
export function verifyConsistency(
  m: number,
  n: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  if (m === 0) return proof.length === 0 && oldRoot.equals(merkleRoot([]));
  // 1. An empty proof cannot link two different sizes.
  if (proof.length === 0) return false;
  // 2. When m is a power of two, the old tree is a whole subtree: its root starts the path.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  // 3. fn and sn: the last leaf's index in the old and in the new tree.
  let fn = m - 1;
  let sn = n - 1;
  // 4. Skip the levels where the old tree's last node is a right child already folded in.
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. Both running hashes start from the first node of the path.
  let fr = path[0] as Hash;
  let sr = fr;
  // 6. Fold in the rest: left siblings go into both roots, right ones into the new root only.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7. Both roots rebuilt, and the path reached the new tree's top.
  return fr.equals(oldRoot) && sr.equals(newRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** n >> 1 for sizes beyond 32 bits too. */
function half(n: number): number {
  return Math.floor(n / 2);
}
