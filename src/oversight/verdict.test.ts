import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentHash } from "./content-hash.ts";
import type { ApproverKey } from "./keys.ts";
import { encodePublicKey, verifySignature } from "./signatures.ts";
import { signVerdict, verdictMessage } from "./verdict.ts";

const pair = generateKeyPairSync("ed25519");
const key: ApproverKey = {
  name: "alice",
  publicKey: encodePublicKey(pair.publicKey),
  sign: (message) => sign(null, Buffer.from(message), pair.privateKey).toString("base64"),
};
const hash = "ab".repeat(32);

describe("contentHash", () => {
  it("is the hex SHA-256 of the canonical JSON, whatever the key order", () => {
    expect(contentHash({ b: 1, a: [true, null] })).toBe(contentHash({ a: [true, null], b: 1 }));
    // sha256('{"a":1}')
    expect(contentHash({ a: 1 })).toBe(
      "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862",
    );
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});

describe("verdicts", () => {
  it("sign a domain-separated message naming the verdict and the content hash", () => {
    expect(verdictMessage("approve", hash)).toBe(
      `{"contentHash":"${hash}","type":"steward-verdict","verdict":"approve","version":1}`,
    );
  });

  it("verify only as the verdict and hash they were made for", () => {
    const signed = signVerdict(key, "approve", hash);
    expect(signed).toMatchObject({ verdict: "approve", approver: "alice", contentHash: hash });
    expect(verifySignature(key.publicKey, verdictMessage("approve", hash), signed.signature)).toBe(
      true,
    );
    expect(verifySignature(key.publicKey, verdictMessage("reject", hash), signed.signature)).toBe(
      false,
    );
    const otherHash = "cd".repeat(32);
    expect(
      verifySignature(key.publicKey, verdictMessage("approve", otherHash), signed.signature),
    ).toBe(false);
  });

  it("refuse to sign something that is not a content hash", () => {
    expect(() => signVerdict(key, "approve", "not-a-hash")).toThrow(/64 lowercase hex/);
  });
});
