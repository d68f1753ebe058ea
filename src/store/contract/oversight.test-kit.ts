/** Store contract, oversight rows (pins, champions, proposals, verdicts): read back exactly as added, because the ledger binds them. */
import { expect, it } from "vitest";
import type { Store } from "../store.ts";
import { program } from "./fixtures.test-kit.ts";

export function describeOversightContract(subject: () => Store): void {
  it("keeps pins, champions, proposals and verdicts", () => {
    const store = subject();
    const seed = store.addProgram(program("seed")).program;
    const child = store.addProgram(program("child", [seed.id])).program;
    expect(store.oversight.latestPin()).toBeUndefined();
    store.oversight.addPin({ files: { "steward.yaml": "aa" }, approvers: [], acceptedBy: null });
    store.oversight.addPin({
      files: { "steward.yaml": "bb" },
      approvers: [{ name: "ada", key: "k" }],
      acceptedBy: "ada",
    });
    expect(store.oversight.latestPin()).toMatchObject({
      files: { "steward.yaml": "bb" },
      approvers: [{ name: "ada", key: "k" }],
      acceptedBy: "ada",
    });
    store.oversight.addChampion({
      programId: seed.id,
      proposalId: null,
      reason: "seed",
      objective: 2,
    });
    const proposal = store.oversight.addProposal({
      runId: null,
      programId: child.id,
      championProgramId: seed.id,
      status: "open",
      contentHash: "c0ffee",
      content: { diff: "x", metrics: { score: 1 } },
      extraApprovals: 1,
    });
    expect(store.oversight.getProposal(proposal.id)?.content).toEqual({
      diff: "x",
      metrics: { score: 1 },
    });
    expect(store.oversight.findProposal(child.id, seed.id)?.id).toBe(proposal.id);
    expect(store.oversight.listProposals("open")).toHaveLength(1);
    store.oversight.setProposalStatus(proposal.id, "deployed");
    expect(store.oversight.listProposals("open")).toHaveLength(0);
    store.oversight.addVerdict({
      proposalId: proposal.id,
      verdict: "approve",
      approver: "ada",
      publicKey: "ed25519:x",
      contentHash: "c0ffee",
      signature: "sig",
      message: "",
    });
    expect(store.oversight.verdicts(proposal.id).map((v) => v.approver)).toEqual(["ada"]);
    store.oversight.addChampion({
      programId: child.id,
      proposalId: proposal.id,
      reason: "deploy",
      objective: 1,
    });
    expect(store.oversight.champions().map((c) => c.reason)).toEqual(["seed", "deploy"]);
  });
  it("reads every oversight row back exactly as its add returned it, all of them in id order", () => {
    const store = subject();
    // The ledger binds the record an add returns (src/oversight/store-binding.ts):
    // a store that reads back anything else would look tampered with.
    const seed = store.addProgram(program("seed")).program;
    const pins = [
      store.oversight.addPin({ files: { b: "1", a: "2" }, approvers: [], acceptedBy: null }),
      store.oversight.addPin({
        files: { a: "3" },
        approvers: [{ name: "ada", key: "k" }],
        acceptedBy: "ada",
      }),
    ];
    expect(store.oversight.pins()).toEqual(pins);
    const champion = store.oversight.addChampion({
      programId: seed.id,
      proposalId: null,
      reason: "seed",
      objective: 0.1 + 0.2,
    });
    expect(store.oversight.champions()).toEqual([champion]);
    const child = store.addProgram(program("child", [seed.id])).program;
    const proposals = [seed, child].map((p, n) =>
      store.oversight.addProposal({
        runId: null,
        programId: p.id,
        championProgramId: seed.id,
        status: "open",
        contentHash: `c${n}`,
        content: { n },
        extraApprovals: 0,
      }),
    );
    const verdicts = [proposals[1], proposals[0], proposals[1]].map((p, i) =>
      store.oversight.addVerdict({
        proposalId: p?.id ?? 0,
        verdict: i === 1 ? "reject" : "approve",
        approver: `a${i}`,
        publicKey: "ed25519:x",
        contentHash: p?.contentHash ?? "",
        signature: `s${i}`,
        message: "µ ✓",
      }),
    );
    expect(store.oversight.listVerdicts()).toEqual(verdicts);
    expect(store.oversight.verdicts(proposals[1]?.id ?? 0)).toEqual([verdicts[0], verdicts[2]]);
    expect(store.oversight.listProposals()).toEqual(proposals);
  });
}
