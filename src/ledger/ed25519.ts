/**
 * ed25519 keys as the ledger writes them: a public key is "ed25519:" + base64 of
 * the raw 32 bytes, a signature is base64. Only node:crypto, no dependency.
 */
import { createPublicKey, type KeyObject, sign, verify } from "node:crypto";

const PREFIX = "ed25519:";

export function encodePublicKey(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: "jwk" });
  if (jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
    throw new TypeError("not an ed25519 key");
  }
  return PREFIX + Buffer.from(jwk.x, "base64url").toString("base64");
}

/** The key an "ed25519:..." string names, or undefined when it is not one. */
export function decodePublicKey(text: string): KeyObject | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const raw = Buffer.from(text.slice(PREFIX.length), "base64");
  if (raw.length !== 32 || raw.toString("base64") !== text.slice(PREFIX.length)) return undefined;
  try {
    return createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
      format: "jwk",
    });
  } catch {
    return undefined;
  }
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, "utf8"), privateKey).toString("base64");
}

/** True when `signature` (base64) is `publicKey`'s signature of `text`; false for anything malformed. */
export function signatureValid(publicKey: string, text: string, signature: string): boolean {
  const key = decodePublicKey(publicKey);
  const bytes = Buffer.from(signature, "base64");
  if (!key || bytes.length !== 64 || bytes.toString("base64") !== signature) return false;
  try {
    return verify(null, Buffer.from(text, "utf8"), key, bytes);
  } catch {
    return false;
  }
}
