import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PUBLIC_KEY_PATTERN } from "../problem/charter-oversight.ts";
import { decodePublicKey, encodePublicKey, verifySignature } from "./signatures.ts";

const pair = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const publicKey = encodePublicKey(pair.publicKey);
const message = "the message";
const signature = sign(null, Buffer.from(message), pair.privateKey).toString("base64");

describe("verifySignature", () => {
  it("encodes keys in the charter's form, from either half of the pair", () => {
    expect(publicKey).toMatch(PUBLIC_KEY_PATTERN);
    expect(encodePublicKey(pair.privateKey)).toBe(publicKey);
    const raw = Buffer.from(pair.publicKey.export({ format: "jwk" }).x ?? "", "base64url");
    expect(publicKey).toBe(`ed25519:${raw.toString("base64")}`);
    expect(decodePublicKey(publicKey)?.equals(pair.publicKey)).toBe(true);
  });

  it("accepts the signer's signature over the same bytes, as string or Buffer", () => {
    expect(verifySignature(publicKey, message, signature)).toBe(true);
    expect(verifySignature(publicKey, Buffer.from(message), signature)).toBe(true);
  });

  it("rejects another message, another key, or a changed signature", () => {
    expect(verifySignature(publicKey, `${message}!`, signature)).toBe(false);
    expect(verifySignature(encodePublicKey(other.publicKey), message, signature)).toBe(false);
    const flipped = Buffer.from(signature, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(verifySignature(publicKey, message, flipped.toString("base64"))).toBe(false);
  });

  it("never throws on malformed keys or signatures", () => {
    const bad: unknown[] = ["", "ed25519:", "ed25519:abc", "rsa:xyz", null, undefined, 42, {}];
    for (const value of bad) {
      expect(verifySignature(value as string, message, signature)).toBe(false);
      expect(verifySignature(publicKey, message, value as string)).toBe(false);
    }
    expect(verifySignature(publicKey, message, signature.slice(0, -4))).toBe(false);
    expect(verifySignature(publicKey, message, `${signature}AAAA`)).toBe(false);
    expect(verifySignature(publicKey, null as unknown as string, signature)).toBe(false);
  });

  it("accepts only the canonical base64 spelling of a key or signature", () => {
    // The last character of 32 or 64 bytes in base64 carries unused bits; setting them
    // spells the same bytes differently.
    const tweak = (text: string, at: number) =>
      text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) + 1) + text.slice(at + 1);
    expect(verifySignature(tweak(publicKey, publicKey.length - 2), message, signature)).toBe(false);
    expect(verifySignature(publicKey, message, tweak(signature, signature.length - 3))).toBe(false);
  });
});
