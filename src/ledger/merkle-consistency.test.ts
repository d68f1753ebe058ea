import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leafHash } from "./merkle.ts";
import { consistencyProof, verifyConsistency } from "./merkle-consistency.ts";

/**
 * MTH straight from RFC 6962 section 2.1, written apart from merkle.ts so a
 * mistake there cannot hide in both the proofs and the roots they are checked against.
 */
function naiveRoot(leaves: readonly Buffer[]): Buffer {
  const sha = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.of(1), naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}

// The RFC 6962 test vectors of Certificate Transparency (transparency-dev/merkle):
// the same eight leaves as merkle.test.ts, and consistency proofs (m, n).
const LEAVES = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map((h) => leafHash(Buffer.from(h, "hex")));

const VECTORS: { m: number; n: number; proof: string[] }[] = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

const MAX = 64;
const leaves = Array.from({ length: MAX }, (_, i) => leafHash(`entry ${i}`));
const roots = Array.from({ length: MAX + 1 }, (_, n) => naiveRoot(leaves.slice(0, n)));
const root = (n: number) => roots[n] as Buffer;

const flipped = (hash: Buffer, bit: number) => {
  const copy = Buffer.from(hash);
  copy.writeUInt8(((copy.readUInt8(bit >> 3) ^ (1 << (bit & 7))) & 0xff) >>> 0, bit >> 3);
  return copy;
};

describe("RFC 6962 consistency proofs", () => {
  it("match the published proofs, which verify", () => {
    for (const { m, n, proof } of VECTORS) {
      const tree = LEAVES.slice(0, n);
      const got = consistencyProof(tree, m).map((h) => h.toString("hex"));
      expect(got, `${m} -> ${n}`).toEqual(proof);
      const hashes = proof.map((h) => Buffer.from(h, "hex"));
      const ok = verifyConsistency(m, n, naiveRoot(LEAVES.slice(0, m)), naiveRoot(tree), hashes);
      expect(ok, `${m} -> ${n}`).toBe(true);
    }
  });

  it(`verify against the naive root for every 0 <= m <= n <= ${MAX}`, () => {
    for (let n = 0; n <= MAX; n++) {
      const tree = leaves.slice(0, n);
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(tree, m);
        expect(verifyConsistency(m, n, root(m), root(n), proof), `${m} -> ${n}`).toBe(true);
        // No proof is longer than the path from a leaf to the top, plus one.
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(Math.max(n, 1))) + 1);
      }
    }
  });

  it("refuse sizes outside the tree", () => {
    expect(() => consistencyProof(leaves.slice(0, 4), 5)).toThrow(RangeError);
    expect(() => consistencyProof(leaves.slice(0, 4), -1)).toThrow(RangeError);
    expect(verifyConsistency(5, 4, root(5), root(4), [])).toBe(false);
    expect(verifyConsistency(-1, 4, root(0), root(4), [])).toBe(false);
    expect(verifyConsistency(1.5, 4, root(1), root(4), [])).toBe(false);
  });
});

const sizes = fc
  .integer({ min: 1, max: MAX })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

describe("RFC 6962 consistency proofs: tampering (fast-check)", () => {
  it("a flipped bit anywhere in the proof is refused", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat({ max: 255 }), ([m, n], at, bit) => {
        const proof = consistencyProof(leaves.slice(0, n), m);
        fc.pre(proof.length > 0);
        const i = at % proof.length;
        const forged = proof.map((h, j) => (j === i ? flipped(h, bit) : h));
        expect(verifyConsistency(m, n, root(m), root(n), forged)).toBe(false);
      }),
    );
  });

  it("a hash dropped, added or moved is refused", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), ([m, n], at) => {
        const proof = consistencyProof(leaves.slice(0, n), m);
        const i = proof.length === 0 ? 0 : at % proof.length;
        const extra = leaves[at % MAX] as Buffer;
        const variants = [
          [...proof.slice(0, i), extra, ...proof.slice(i)],
          [...proof, root(m)],
        ];
        if (proof.length > 0) variants.push(proof.filter((_, j) => j !== i));
        if (proof.length > 1 && !(proof[0] as Buffer).equals(proof.at(-1) as Buffer)) {
          variants.push([proof.at(-1) as Buffer, ...proof.slice(1, -1), proof[0] as Buffer]);
        }
        for (const forged of variants) {
          expect(verifyConsistency(m, n, root(m), root(n), forged)).toBe(false);
        }
      }),
    );
  });

  it("a proof does not carry over to other roots", () => {
    // Sizes are bound through the roots: a signed root is the root of one size.
    // (The RFC 9162 walk alone cannot tell some sizes apart, e.g. 1 -> 17 and 1 -> 22.)
    fc.assert(
      fc.property(sizes, fc.integer({ min: 0, max: MAX }), ([m, n], other) => {
        const proof = consistencyProof(leaves.slice(0, n), m);
        fc.pre(other !== m && other !== n);
        expect(verifyConsistency(m, n, root(other), root(n), proof)).toBe(false);
        expect(verifyConsistency(m, n, root(m), root(other), proof)).toBe(false);
      }),
    );
  });

  it("a log whose first m entries changed cannot prove it extends the old root", () => {
    // The attack a witness stops: rewrite an old entry (or cut and regrow the log),
    // then try to show the new tree still extends the witnessed one.
    fc.assert(
      fc.property(sizes, fc.nat(), ([m, n], at) => {
        const rewritten = leaves.slice(0, n);
        rewritten[at % m] = leafHash(`forged ${at}`);
        const proof = consistencyProof(rewritten, m);
        const newRoot = naiveRoot(rewritten);
        expect(verifyConsistency(m, n, root(m), newRoot, proof)).toBe(false);
      }),
    );
  });
});
