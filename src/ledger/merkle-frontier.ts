/**
 * The right edge of a growing RFC 6962 tree: the roots of its perfect subtrees,
 * largest first. Appending a leaf costs O(log n) hashes and the root is a fold
 * of at most log n nodes, so a ledger never re-hashes its whole history.
 */
import { type Hash, merkleRoot, nodeHash } from "./merkle.ts";

interface Subtree {
  hash: Hash;
  leaves: number;
}

export class MerkleFrontier {
  #subtrees: Subtree[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  append(leaf: Hash): void {
    let node: Subtree = { hash: leaf, leaves: 1 };
    let last = this.#subtrees.at(-1);
    while (last && last.leaves === node.leaves) {
      this.#subtrees.pop();
      node = { hash: nodeHash(last.hash, node.hash), leaves: last.leaves * 2 };
      last = this.#subtrees.at(-1);
    }
    this.#subtrees.push(node);
    this.#size += 1;
  }

  /** MTH of every leaf appended so far. */
  root(): Hash {
    // MTH splits at the largest power of two, so fold from the right.
    let acc = this.#subtrees.at(-1)?.hash;
    if (!acc) return merkleRoot([]);
    for (let i = this.#subtrees.length - 2; i >= 0; i--) {
      acc = nodeHash((this.#subtrees[i] as Subtree).hash, acc);
    }
    return acc;
  }
}
