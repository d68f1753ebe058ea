import { describe, expect, it } from "vitest";
import { inclusionProof, leafHash, merkleRoot, nodeHash, verifyInclusion } from "./merkle.ts";
import { MerkleFrontier } from "./merkle-frontier.ts";

// The RFC 6962 test vectors Certificate Transparency publishes
// (transparency-dev/merkle): eight leaves, the tree head of each prefix, and
// four inclusion paths (index, size).
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

const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

const PATHS: { index: number; size: number; path: string[] }[] = [
  { index: 0, size: 1, path: [] },
  {
    index: 0,
    size: 8,
    path: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    index: 2,
    size: 3,
    path: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
  },
  {
    index: 1,
    size: 5,
    path: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

const flipped = (hash: Buffer, at: number) => {
  const copy = Buffer.from(hash);
  copy.writeUInt8((copy.readUInt8(at) ^ 0x01) & 0xff, at);
  return copy;
};
const hex = (hashes: Buffer[]) => hashes.map((h) => h.toString("hex"));
const unhex = (hashes: string[]) => hashes.map((h) => Buffer.from(h, "hex"));

describe("RFC 6962 hashing", () => {
  it("hashes the empty tree to SHA-256 of the empty string", () => {
    expect(merkleRoot([]).toString("hex")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(new MerkleFrontier().root().equals(merkleRoot([]))).toBe(true);
  });

  it("matches the published tree head of every size 1..8", () => {
    for (let n = 1; n <= 8; n++) {
      expect(merkleRoot(LEAVES.slice(0, n)).toString("hex"), `size ${n}`).toBe(ROOTS[n - 1]);
    }
  });

  it("matches the published inclusion paths, and they verify", () => {
    for (const { index, size, path } of PATHS) {
      const tree = LEAVES.slice(0, size);
      expect(hex(inclusionProof(tree, index)), `leaf ${index} of ${size}`).toEqual(path);
      const root = Buffer.from(ROOTS[size - 1] as string, "hex");
      expect(verifyInclusion(LEAVES[index] as Buffer, index, size, unhex(path), root)).toBe(true);
    }
  });

  it("hashes a leaf as 0x00 || data and a node as 0x01 || left || right", () => {
    const [a, b] = LEAVES as [Buffer, Buffer];
    expect(a.toString("hex")).toBe(ROOTS[0]);
    expect(nodeHash(a, b).toString("hex")).toBe(ROOTS[1]);
  });
});

describe("inclusion proofs of every size 1..33", () => {
  const leaves = Array.from({ length: 33 }, (_, i) => leafHash(`entry ${i}`));

  it("the incremental root equals MTH at every size", () => {
    const frontier = new MerkleFrontier();
    for (let n = 1; n <= leaves.length; n++) {
      frontier.append(leaves[n - 1] as Buffer);
      expect(frontier.root().equals(merkleRoot(leaves.slice(0, n))), `size ${n}`).toBe(true);
    }
  });

  it("every proof verifies, and a flipped byte, a wrong index or size does not", () => {
    for (let size = 1; size <= leaves.length; size++) {
      const tree = leaves.slice(0, size);
      const root = merkleRoot(tree);
      for (let index = 0; index < size; index++) {
        const leaf = tree[index] as Buffer;
        const proof = inclusionProof(tree, index);
        expect(verifyInclusion(leaf, index, size, proof, root), `${index}/${size}`).toBe(true);
        for (let p = 0; p < proof.length; p++) {
          const forged = proof.map((h, i) => (i === p ? flipped(h, 0) : h));
          expect(verifyInclusion(leaf, index, size, forged, root)).toBe(false);
        }
        expect(verifyInclusion(flipped(leaf, 31), index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index + 1, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, size + 1, [...proof, root], root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [...proof, leaf], root)).toBe(false);
      }
    }
  });

  it("refuses an index outside the tree", () => {
    const root = merkleRoot(leaves.slice(0, 4));
    expect(verifyInclusion(leaves[0] as Buffer, 4, 4, [], root)).toBe(false);
    expect(verifyInclusion(leaves[0] as Buffer, -1, 4, [], root)).toBe(false);
    expect(() => inclusionProof(leaves.slice(0, 4), 4)).toThrow(RangeError);
  });
});
