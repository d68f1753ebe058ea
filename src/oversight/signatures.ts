/**
 * Ed25519 public keys as they appear in the charter ("ed25519:" + base64 of the
 * raw 32 bytes) and signature checks over them. Checking never throws: a
 * malformed key or signature simply does not verify.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { PUBLIC_KEY_PATTERN } from "../problem/charter-oversight.ts";

const PREFIX = "ed25519:";
/** DER prefix of an ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

/** The charter form of an ed25519 public (or private) key object. */
export function encodePublicKey(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const spki = publicKey.export({ format: "der", type: "spki" });
  return PREFIX + spki.subarray(SPKI_PREFIX.length).toString("base64");
}

/** The key object for a charter public key, or null when it is not one. */
export function decodePublicKey(publicKey: string): KeyObject | null {
  if (typeof publicKey !== "string" || !PUBLIC_KEY_PATTERN.test(publicKey)) return null;
  const raw = Buffer.from(publicKey.slice(PREFIX.length), "base64");
  // Base64 allows several spellings of the same bytes; only the canonical one is a key.
  if (raw.length !== 32 || PREFIX + raw.toString("base64") !== publicKey) return null;
  try {
    return createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, raw]),
      format: "der",
      type: "spki",
    });
  } catch {
    return null;
  }
}

/** Whether `signatureBase64` is publicKey's ed25519 signature of `message`. */
export function verifySignature(
  publicKey: string,
  message: Buffer | string,
  signatureBase64: string,
): boolean {
  try {
    const key = decodePublicKey(publicKey);
    if (key === null || typeof signatureBase64 !== "string") return false;
    if (!SIGNATURE_PATTERN.test(signatureBase64)) return false;
    const signature = Buffer.from(signatureBase64, "base64");
    if (signature.length !== 64 || signature.toString("base64") !== signatureBase64) return false;
    const bytes = typeof message === "string" ? Buffer.from(message, "utf8") : message;
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}
