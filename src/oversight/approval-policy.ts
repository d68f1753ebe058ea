/**
 * The approval policy: whether a proposal may be deployed, decided from the
 * charter's approvers and the signed verdicts alone. An approval counts when its
 * key is listed in the charter under the approver's name, it signs the
 * proposal's current content hash, and the signature verifies; each listed
 * person counts once. Any rejection vetoes. Anything unexpected denies.
 */
import { describeError, StewardError } from "../errors.ts";
import type { Approver } from "../problem/charter-oversight.ts";
import { CONTENT_HASH_PATTERN } from "./content-hash.ts";
import { isReservedApproverName } from "./keys.ts";
import { verifySignature } from "./signatures.ts";
import { type SignedVerdict, verdictMessage } from "./verdict.ts";

export interface DeployInput {
  /** The content hash of the proposal as it is now. */
  contentHash: string;
  /** The charter's approvals.required. */
  required: number;
  /** 0, or 1 when a gate flagged the gain as implausible. */
  extraRequired: number;
  /** The charter's approvals.approvers. */
  approvers: readonly Approver[];
  verdicts: readonly SignedVerdict[];
}

export interface ApprovedBy {
  name: string;
  publicKey: string;
}

export interface DeployDecision {
  allowed: boolean;
  reason: string;
  /** The approvals that count, one per person, in verdict order. */
  approvedBy: ApprovedBy[];
  /** Approvals that do not count, by index into `verdicts`, and why. */
  ignored: Array<{ index: number; reason: string }>;
}

export function decideDeploy(input: DeployInput): DeployDecision {
  try {
    return decide(input);
  } catch (error) {
    return denied(
      `the approval policy failed (${describeError(error)}), so the deploy is denied to be safe`,
    );
  }
}

/**
 * Checks a freshly signed verdict before `steward approve/reject` records it:
 * throws when it signs another content hash, does not verify, or its key is not
 * listed in the charter under the approver's name.
 */
export function checkVerdictBeforeRecording(input: {
  verdict: SignedVerdict;
  contentHash: string;
  approvers: readonly Approver[];
}): void {
  const { verdict, contentHash, approvers } = input;
  if (verdict.verdict !== "approve" && verdict.verdict !== "reject") {
    throw new StewardError("usage", `a verdict is "approve" or "reject", not "${verdict.verdict}"`);
  }
  const problem =
    verdict.contentHash !== contentHash
      ? `it signs content hash ${verdict.contentHash.slice(0, 16)}, but the proposal's is now ${contentHash.slice(0, 16)}: review the proposal again and sign its current version`
      : !verifySignature(
            verdict.publicKey,
            verdictMessage(verdict.verdict, contentHash),
            verdict.signature,
          )
        ? `its signature does not verify with ${verdict.publicKey}: the key file may be damaged; check it with "steward keys show ${verdict.approver}"`
        : listingProblem(verdict, approvers);
  if (problem !== null) {
    throw new StewardError(
      "denied",
      `${verdict.approver}'s ${verdict.verdict} was not recorded: ${problem}`,
    );
  }
}

function decide(input: DeployInput): DeployDecision {
  const { required, extraRequired, contentHash } = input;
  if (!Number.isSafeInteger(required) || required < 1) {
    return denied(`approvals.required must be a whole number >= 1, got ${required}`);
  }
  if (!Number.isSafeInteger(extraRequired) || extraRequired < 0) {
    return denied(`extra approvals must be a whole number >= 0, got ${extraRequired}`);
  }
  if (typeof contentHash !== "string" || !CONTENT_HASH_PATTERN.test(contentHash)) {
    return denied(`the proposal's content hash "${contentHash}" is not 64 hex digits`);
  }
  const shared = sharedKey(input.approvers);
  if (shared !== null) return denied(shared);

  const needed = required + extraRequired;
  const approvedBy: ApprovedBy[] = [];
  const ignored: DeployDecision["ignored"] = [];
  const rejectedBy: string[] = [];
  input.verdicts.forEach((verdict, index) => {
    if (verdict.verdict !== "approve") {
      rejectedBy.push(verdict.verdict === "reject" ? verdict.approver : `verdict #${index}`);
      return;
    }
    const reason = whyNotCounted(verdict, input, approvedBy);
    if (reason === null) approvedBy.push({ name: verdict.approver, publicKey: verdict.publicKey });
    else ignored.push({ index, reason });
  });
  const result = (allowed: boolean, reason: string) => ({ allowed, reason, approvedBy, ignored });

  const listed = new Set(
    input.approvers.map((a) => a.name).filter((n) => !isReservedApproverName(n)),
  );
  const extra =
    extraRequired > 0 ? ` (${required} + ${extraRequired} for an implausible gain)` : "";
  if (listed.size < needed) {
    return result(
      false,
      `a deploy needs ${needed} distinct approvers${extra} but the charter lists only ${listed.size}: add people and their keys under approvals.approvers in steward.yaml`,
    );
  }
  if (rejectedBy.length > 0) {
    return result(
      false,
      `rejected by ${[...new Set(rejectedBy)].join(", ")}: a rejection vetoes the proposal`,
    );
  }
  const names = approvedBy.map((a) => a.name).join(", ");
  if (approvedBy.length < needed) {
    return result(
      false,
      `needs ${needed} distinct approvals${extra}, has ${approvedBy.length}${names ? ` (${names})` : ""}`,
    );
  }
  return result(true, `approved by ${names} (${needed} needed${extra})`);
}

function whyNotCounted(
  verdict: SignedVerdict,
  input: DeployInput,
  counted: readonly ApprovedBy[],
): string | null {
  const listing = listingProblem(verdict, input.approvers);
  if (listing !== null) return listing;
  if (verdict.contentHash !== input.contentHash) {
    return "it signs an earlier version of the proposal (another content hash)";
  }
  if (
    !verifySignature(
      verdict.publicKey,
      verdictMessage("approve", input.contentHash),
      verdict.signature,
    )
  ) {
    return "its signature does not verify";
  }
  if (counted.some((a) => a.name === verdict.approver)) {
    return `${verdict.approver} already approved; each person counts once`;
  }
  return null;
}

function listingProblem(verdict: SignedVerdict, approvers: readonly Approver[]): string | null {
  if (isReservedApproverName(verdict.approver)) {
    return `"${verdict.approver}" stands for a machine, and machines can never approve`;
  }
  if (approvers.some((a) => a.name === verdict.approver && a.key === verdict.publicKey))
    return null;
  if (approvers.length === 0) {
    return "the charter lists no approvers: add people and their keys under approvals.approvers in steward.yaml";
  }
  return `key ${verdict.publicKey} is not listed under the name "${verdict.approver}" in approvals.approvers of steward.yaml: add it there (and accept the charter change), or sign with a listed key`;
}

/** A key listed under two names would let one person count twice. */
function sharedKey(approvers: readonly Approver[]): string | null {
  const namesByKey = new Map<string, Set<string>>();
  for (const { name, key } of approvers) {
    namesByKey.set(key, (namesByKey.get(key) ?? new Set()).add(name));
  }
  for (const [key, names] of namesByKey) {
    if (names.size > 1) {
      return `the charter lists key ${key} under several names (${[...names].join(", ")}): each person needs their own key`;
    }
  }
  return null;
}

function denied(reason: string): DeployDecision {
  return { allowed: false, reason, approvedBy: [], ignored: [] };
}
