/**
 * The content hash of a proposal: lowercase hex SHA-256 of its canonical JSON.
 * Approvals sign this hash, so any change to the proposal voids them.
 */
import { canonicalJson } from "../util/canonical-json.ts";
import { sha256Hex } from "../util/hash.ts";

export const CONTENT_HASH_PATTERN = /^[0-9a-f]{64}$/;

export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}
