/** The store checked against the ledger, on a real SQLite file edited behind Steward's back. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tamperDb, tempRoot } from "../ledger/ledger.test-kit.ts";
import { Ledger } from "../ledger/ledger.ts";
import { openProblemStore } from "../store/problem-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import { contentHash } from "./content-hash.ts";
import { bindChampion, boundPin, boundProposal, boundVerdict } from "./store-binding.ts";
import { bindLegacyRows, verifyStore } from "./verify-store.ts";

const root = tempRoot("steward-verify-store-");
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

function withStore<T>(dir: string, fn: (store: Store, ledger: Ledger) => T): T {
  const store = openProblemStore(dir);
  try {
    return fn(store, new Ledger(store, dir));
  } finally {
    store.close();
  }
}

const check = (dir: string) => withStore(dir, (store) => verifyStore(store));

/**
 * A pin, a seed champion, a proposal and two verdicts, each written with its
 * ledger entry as Steward writes them; with `bind: false`, as Steward wrote
 * them before rows were bound.
 */
function makeHistory(bind = true): string {
  const dir = fs.mkdtempSync(path.join(root, "problem-"));
  withStore(dir, (store, ledger) => {
    const rows = <T>(row: T) => (bind ? { rows: [row] } : {});
    const pin = store.oversight.addPin({
      files: { "steward.yaml": "aa" },
      approvers: [],
      acceptedBy: null,
    });
    ledger.append("charter-pin", rows(boundPin(pin)));
    const seed = store.addProgram({
      hash: programHash("seed"),
      code: "seed",
      origin: "seed",
    }).program;
    const child = store.addProgram({
      hash: programHash("child"),
      code: "child",
      origin: "gp",
    }).program;
    const champion = store.oversight.addChampion({
      programId: seed.id,
      proposalId: null,
      reason: "seed",
      objective: 1,
    });
    ledger.append("champion", rows(bindChampion(store, champion)));
    const content = { version: 1, n: 1 };
    const proposal = store.oversight.addProposal({
      runId: null,
      programId: child.id,
      championProgramId: seed.id,
      status: "open",
      contentHash: contentHash(content),
      content,
      extraApprovals: 0,
    });
    ledger.append("proposal", rows(boundProposal(proposal)));
    for (const approver of ["ada", "bob"]) {
      const verdict = store.oversight.addVerdict({
        proposalId: proposal.id,
        verdict: "approve",
        approver,
        publicKey: `ed25519:${approver}`,
        contentHash: proposal.contentHash,
        signature: `signature of ${approver}`,
        message: `ok from ${approver}`,
      });
      ledger.append("approval", rows(boundVerdict(verdict)));
    }
  });
  return dir;
}

describe("verifyStore", () => {
  it("passes a store whose every row its ledger entry recorded", () => {
    expect(check(makeHistory())).toMatchObject({ ok: true, rows: 5, bound: 5, findings: [] });
  });

  it("names swapped rows as reordered, naming the row each one holds", () => {
    const dir = makeHistory();
    tamperDb(dir, (db) => {
      db.prepare("UPDATE verdicts SET id = 99 WHERE id = 1").run();
      db.prepare("UPDATE verdicts SET id = 1 WHERE id = 2").run();
      db.prepare("UPDATE verdicts SET id = 2 WHERE id = 99").run();
    });
    const { findings } = check(dir);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^verdict 1 of proposal 1: reordered \(it holds verdict 2 of proposal 1 as ledger entry 4 recorded it\)$/,
      ),
      expect.stringMatching(
        /^verdict 2 of proposal 1: reordered \(it holds verdict 1 of proposal 1 as ledger entry 3 recorded it\)$/,
      ),
    ]);
  });

  it("names a deleted pin, an edited champion and content that no longer hashes", () => {
    const dir = makeHistory();
    tamperDb(dir, (db) => {
      db.prepare("DELETE FROM charter_pins").run();
      db.prepare("UPDATE programs SET code = 'swapped' WHERE code = 'seed'").run();
      db.prepare(`UPDATE proposals SET content = '{"version":1,"n":2}'`).run();
    });
    const { ok, findings } = check(dir);
    expect(ok).toBe(false);
    expect(findings.map((f) => [f.table, f.problem, f.field])).toEqual([
      ["pin", "deleted", null],
      ["champion", "edited", "programSha256"],
      ["proposal", "edited", "content"],
    ]);
    expect(findings[0]?.message).toBe("pin 1: deleted (ledger entry 0 recorded it)");
    expect(findings[1]?.message).toMatch(
      /^champion 1 \(program 1\): edited \(the program's code differs from the bytes ledger entry 1 recorded: [0-9a-f]{64} expected, [0-9a-f]{64} found\)$/,
    );
  });

  it("keeps only the findings in scope", () => {
    const dir = makeHistory();
    tamperDb(dir, (db) => db.prepare("UPDATE verdicts SET message = 'x' WHERE id = 2").run());
    withStore(dir, (store) => {
      expect(verifyStore(store, (f) => f.table === "champion").ok).toBe(true);
      expect(verifyStore(store, (f) => f.proposalId === 1).findings).toHaveLength(1);
    });
  });

  it("binds the rows of a store from before binding once, and never a row inserted after", () => {
    const dir = makeHistory(false);
    const legacy = check(dir);
    expect(legacy.ok).toBe(false);
    expect(legacy.findings.map((f) => f.problem)).toEqual(Array(5).fill("unbound"));
    expect(withStore(dir, (store, ledger) => bindLegacyRows(store, ledger))).toBe(5);
    expect(check(dir).ok).toBe(true);
    tamperDb(dir, (db) =>
      db
        .prepare(
          "INSERT INTO verdicts (proposal_id, verdict, approver, public_key, content_hash, signature, message, created_at) SELECT proposal_id, verdict, 'eve', public_key, content_hash, signature, message, created_at FROM verdicts WHERE id = 1",
        )
        .run(),
    );
    expect(withStore(dir, (store, ledger) => bindLegacyRows(store, ledger))).toBe(0);
    expect(check(dir).findings.map((f) => f.message)).toEqual([
      "verdict 3 of proposal 1: inserted (no ledger entry records this row)",
    ]);
  });
});
