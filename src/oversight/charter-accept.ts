/**
 * `steward charter accept`: a person accepts changed charter files, signing the
 * new hashes with their key. When the pinned charter listed approvers, only one
 * of them may accept (a charter edit cannot add its own approver and accept
 * itself); a problem with no approvers yet accepts any key holder. The new pin
 * and the ledger entry are written in one transaction.
 */
import { StewardError } from "../errors.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { diffPins, type PinChange, type PinnedFiles, PinWatcher } from "./charter-pin.ts";
import { loadApproverKey } from "./keys.ts";
import { verifySignature } from "./signatures.ts";
import { boundPin } from "./store-binding.ts";

export function charterAcceptMessage(files: PinnedFiles): string {
  return canonicalJson({ type: "steward-charter-accept", version: 1, files });
}

export function acceptCharter(
  problem: Problem,
  store: Store,
  ledger: Ledger,
  as: string,
): { changes: PinChange[] } {
  const current = new PinWatcher(problem).current();
  const pin = store.oversight.latestPin();
  const changes = pin ? diffPins(pin.files, current) : [];
  if (pin && changes.length === 0) return { changes };
  const key = loadApproverKey(as);
  if (pin && pin.approvers.length > 0) {
    const listed = pin.approvers.some((a) => a.name === key.name && a.key === key.publicKey);
    if (!listed) {
      throw new StewardError(
        "denied",
        `${as} (${key.publicKey}) is not an approver of the charter as it was pinned (${pin.approvers.map((a) => a.name).join(", ")}): one of them must accept the change`,
      );
    }
  }
  const message = charterAcceptMessage(current);
  const signature = key.sign(message);
  if (!verifySignature(key.publicKey, message, signature)) {
    throw new StewardError("denied", `the signature made with ${as}'s key does not verify`);
  }
  store.transaction(() => {
    const record = store.oversight.addPin({
      files: current,
      approvers: problem.charter.approvals.approvers,
      acceptedBy: key.name,
    });
    ledger.append("charter-accept", {
      changes: changes.map((c) => ({ ...c })),
      files: current,
      approver: key.name,
      publicKey: key.publicKey,
      signature,
      rows: [boundPin(record)],
    });
  });
  return { changes };
}
