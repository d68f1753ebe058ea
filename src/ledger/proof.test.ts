import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson } from "../util/canonical-json.ts";
import { signCheckpoint } from "./checkpoint.ts";
import { encodePublicKey } from "./ed25519.ts";
import { makeProblem, tempRoot, withLedger } from "./ledger.test-kit.ts";
import { leafHash, merkleRoot } from "./merkle.ts";
import { checkProof, type LedgerProof } from "./proof.ts";

const root = tempRoot();
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A deep copy through JSON, as a proof travels. */
const copy = (proof: LedgerProof): LedgerProof => JSON.parse(JSON.stringify(proof));

describe("inclusion proofs", () => {
  const dir = makeProblem(root, ["run-start", "proposal", "gate-result", "approval", "deploy"]);
  const proofs = withLedger(dir, (ledger) => [0, 1, 2, 3, 4].map((i) => ledger.prove(i)));
  const key = withLedger(dir, (ledger) => ledger.prove(0).checkpoint.publicKey);

  it("every entry's proof checks on its own, with and without the expected key", () => {
    for (const [i, proof] of proofs.entries()) {
      expect(checkProof(copy(proof))).toMatchObject({
        ok: true,
        index: i,
        size: 5,
        publicKey: key,
      });
      expect(checkProof(copy(proof), key).ok).toBe(true);
    }
  });

  it("refuses an entry whose data was changed", () => {
    const forged = copy(proofs[3] as LedgerProof);
    forged.entry.data.note = "approved by someone else";
    expect(checkProof(forged)).toMatchObject({ ok: false, problem: "leaf-mismatch" });
  });

  it("refuses a changed entry whose leaf hash was updated too", () => {
    const forged = copy(proofs[3] as LedgerProof);
    forged.entry.data.note = "approved by someone else";
    forged.leafHash = leafHash(canonicalJson(forged.entry)).toString("hex");
    expect(checkProof(forged)).toMatchObject({ ok: false, problem: "not-included" });
  });

  it("refuses a proof moved to another index, or with a path from another entry", () => {
    const moved = { ...copy(proofs[2] as LedgerProof), index: 3 };
    expect(checkProof(moved)).toMatchObject({ ok: false, problem: "leaf-mismatch" });
    const wrongPath = {
      ...copy(proofs[2] as LedgerProof),
      proof: (proofs[3] as LedgerProof).proof,
    };
    expect(checkProof(wrongPath)).toMatchObject({ ok: false, problem: "not-included" });
  });

  it("refuses a tree re-rooted and re-signed by another key when the key is given", () => {
    const forged = copy(proofs[1] as LedgerProof);
    forged.entry.data.note = "rewritten";
    forged.entry.index = 0;
    forged.index = 0;
    forged.size = 1;
    const rebuilt = leafHash(canonicalJson(forged.entry));
    forged.leafHash = rebuilt.toString("hex");
    forged.proof = [];
    forged.root = merkleRoot([rebuilt]).toString("hex");
    const { privateKey } = generateKeyPairSync("ed25519");
    const mallory = { file: "", privateKey, publicKey: encodePublicKey(privateKey) };
    forged.checkpoint = signCheckpoint(mallory, 1, forged.root, forged.checkpoint.time);
    expect(checkProof(forged).ok).toBe(true);
    expect(checkProof(forged, key)).toMatchObject({ ok: false, problem: "wrong-key" });
  });

  it("refuses a checkpoint whose signature does not match it", () => {
    const forged = copy(proofs[0] as LedgerProof);
    forged.checkpoint.time = "2000-01-01T00:00:00.000Z";
    expect(checkProof(forged)).toMatchObject({ ok: false, problem: "bad-signature" });
  });

  it("names what is malformed", () => {
    expect(checkProof({ format: "other" })).toMatchObject({ ok: false, problem: "malformed" });
    const noHex = { ...copy(proofs[0] as LedgerProof), proof: ["zz"] };
    expect(checkProof(noHex)).toMatchObject({ ok: false, problem: "malformed" });
  });
});
