/**
 * A proposal stored before proposals signed program bytes (content version 1)
 * stays readable but cannot be deployed: its approvals never covered the bytes
 * a deploy writes. The refusal says to re-propose and is a ledger entry; the
 * target is not written.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Ledger } from "../../src/ledger/ledger.ts";
import { contentHash } from "../../src/oversight/content-hash.ts";
import { deployProposal } from "../../src/oversight/deploy.ts";
import { createApproverKey } from "../../src/oversight/keys.ts";
import { loadProposal } from "../../src/oversight/proposal-check.ts";
import { recordVerdict } from "../../src/oversight/record-verdict.ts";
import { bindChampion, boundPin, boundProposal } from "../../src/oversight/store-binding.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { programHash } from "../../src/util/hash.ts";
import { copyExample } from "../helpers/run-cli.ts";

let dir: string;
let config: string;
let remove: () => void;

beforeAll(() => {
  const example = copyExample("symbolic-regression");
  dir = example.dir;
  remove = example.remove;
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-old-proposal-"));
  vi.stubEnv("STEWARD_CONFIG_DIR", config);
  const ada = createApproverKey("ada", { configDir: config });
  fs.appendFileSync(
    path.join(dir, "steward.yaml"),
    `approvals:\n  approvers:\n    - { name: ada, key: "${ada.publicKey}" }\n`,
  );
});

afterAll(() => {
  vi.unstubAllEnvs();
  remove?.();
  fs.rmSync(config, { recursive: true, force: true });
});

describe("a version 1 proposal", () => {
  it("is readable and approvable, but deploy refuses it, says to re-propose and ledgers the refusal", () => {
    const problem = loadProblem(dir);
    const store = openProblemStore(dir);
    try {
      const ledger = new Ledger(store, dir);
      const seedCode = problem.seedCode;
      const childCode = seedCode.replace("return", "return 0 +");
      const id = store.transaction(() => {
        const pin = store.oversight.addPin({ files: {}, approvers: [], acceptedBy: null });
        ledger.append("charter-pin", { rows: [boundPin(pin)] });
        const seed = store.addProgram({
          hash: programHash(seedCode),
          code: seedCode,
          origin: "seed",
        });
        const child = store.addProgram({
          hash: programHash(childCode),
          code: childCode,
          origin: "gp",
        });
        const champion = store.oversight.addChampion({
          programId: seed.program.id,
          proposalId: null,
          reason: "seed",
          objective: 1,
        });
        ledger.append("champion", { rows: [bindChampion(store, champion)] });
        // The shape proposals had at content version 1: no byte hashes.
        const content = {
          version: 1,
          policyVersion: 1,
          program: { id: child.program.id, hash: child.program.hash },
          champion: { id: seed.program.id, hash: seed.program.hash },
          gates: [],
          objective: { metric: "rmse", direction: "minimize", candidate: 0.5, champion: 1 },
        };
        const proposal = store.oversight.addProposal({
          runId: null,
          programId: child.program.id,
          championProgramId: seed.program.id,
          status: "open",
          contentHash: contentHash(content),
          content,
          extraApprovals: 0,
        });
        ledger.append("proposal", { rows: [boundProposal(proposal)] });
        return proposal.id;
      });
      expect(loadProposal(store, id).content.version).toBe(1);
      recordVerdict(problem, store, ledger, {
        proposalId: id,
        verdict: "approve",
        as: "ada",
        message: "",
      });
      const target = path.join(dir, problem.charter.deploy.target);
      const before = fs.readFileSync(target, "utf8");
      expect(() => deployProposal(problem, store, ledger, id)).toThrow(
        /deploy refused: proposal 1 was made before proposals signed the program's bytes \(content version 1, now 2\).*let a new run propose again/,
      );
      expect(fs.readFileSync(target, "utf8")).toBe(before);
      expect(ledger.entries().at(-1)).toMatchObject({
        kind: "deploy-refused",
        data: { operation: "deploy", proposalId: id, reason: "unsigned-bytes" },
      });
    } finally {
      store.close();
    }
  });
});
