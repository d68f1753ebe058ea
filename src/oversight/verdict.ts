/**
 * Signed verdicts. A person approves or rejects a proposal by signing a
 * domain-separated message that names the verdict and the proposal's content
 * hash, so a signature can be neither replayed on another proposal version nor
 * turned from a rejection into an approval, nor mistaken for any other Steward
 * signature (charter acceptances sign another `type`).
 */
import { canonicalJson } from "../util/canonical-json.ts";
import { CONTENT_HASH_PATTERN } from "./content-hash.ts";
import type { ApproverKey } from "./keys.ts";

export type Verdict = "approve" | "reject";

export interface SignedVerdict {
  verdict: Verdict;
  /** The key's name, which must match the charter's approver name. */
  approver: string;
  publicKey: string;
  contentHash: string;
  /** Base64 ed25519 signature over {@link verdictMessage}(verdict, contentHash). */
  signature: string;
}

/** The exact bytes (as UTF-8) that a verdict signs. */
export function verdictMessage(verdict: Verdict, contentHash: string): string {
  return canonicalJson({ type: "steward-verdict", version: 1, verdict, contentHash });
}

export function signVerdict(
  key: ApproverKey,
  verdict: Verdict,
  contentHash: string,
): SignedVerdict {
  if (!CONTENT_HASH_PATTERN.test(contentHash)) {
    throw new TypeError(`a content hash is 64 lowercase hex digits, got "${contentHash}"`);
  }
  return {
    verdict,
    approver: key.name,
    publicKey: key.publicKey,
    contentHash,
    signature: key.sign(verdictMessage(verdict, contentHash)),
  };
}
