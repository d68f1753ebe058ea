import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson } from "../util/canonical-json.ts";
import type { EntryKind } from "./entry-kinds.ts";
import {
  makeProblem,
  rewriteLedger,
  strangerKey,
  tamperDb,
  tempRoot,
  verifyProblem,
  withLedger,
} from "./ledger.test-kit.ts";
import { ledgerKey } from "./ledger-key.ts";
import { leafHash } from "./merkle.ts";
import { verifyConsistency } from "./merkle-consistency.ts";
import { type LedgerWitness, parseWitness, perfectSubtrees, subtreesMatchRoot } from "./witness.ts";

const root = tempRoot("steward-witness-");
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

const KINDS: EntryKind[] = [
  "run-start",
  "charter-pin",
  "proposal",
  "gate-result",
  "approval",
  "deploy",
  "stop",
];

function takeWitness(dir: string): LedgerWitness {
  // Through JSON, as the file on another disk would be read back.
  const witness = withLedger(dir, (ledger) => ledger.witness("demo"));
  const parsed = parseWitness(JSON.parse(JSON.stringify(witness)));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.witness;
}

const check = (dir: string, witness: LedgerWitness, keys?: string[]) =>
  verifyProblem(dir, { witnesses: [{ source: "w.json", witness }], keys });

/** Appends rows with made-up entries behind Steward's back (no checkpoints). */
function fabricate(dir: string, count: number) {
  tamperDb(dir, (db) => {
    const size = (db.prepare("SELECT COUNT(*) AS n FROM ledger_entries").get() as { n: number }).n;
    for (let i = 0; i < count; i++) {
      const body = canonicalJson({
        index: size + i,
        kind: "approval",
        time: "2020-01-01T00:00:00.000Z",
        data: { by: "mallory" },
      });
      db.prepare(
        "INSERT INTO ledger_entries (kind, body, leaf_hash, created_at) VALUES ('approval', ?, ?, '')",
      ).run(body, leafHash(body).toString("hex"));
    }
  });
}

describe("witness files", () => {
  it("split a tree into its perfect subtrees, largest first", () => {
    expect(perfectSubtrees(0)).toEqual([]);
    expect(perfectSubtrees(1)).toEqual([{ first: 0, count: 1 }]);
    expect(perfectSubtrees(7).map((s) => s.count)).toEqual([4, 2, 1]);
    expect(perfectSubtrees(40)).toEqual([
      { first: 0, count: 32 },
      { first: 32, count: 8 },
    ]);
  });

  it("hold the latest signed checkpoint and subtrees that fold to its root", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    const last = withLedger(dir, (ledger) => ({ size: ledger.size(), root: ledger.root() }));
    expect(witness.checkpoint).toMatchObject({ size: 7, root: last.root });
    expect(witness.checkpoint.publicKey).toBe(ledgerKey(dir).publicKey);
    expect(witness.problem).toBe("demo");
    expect(witness.about).toMatch(/steward audit verify PROBLEM --witness/);
    expect(subtreesMatchRoot(witness)).toBe(true);
    expect(subtreesMatchRoot({ ...witness, subtrees: witness.subtrees.slice(1) })).toBe(false);
    expect(parseWitness({ ...witness, format: "x" })).toMatchObject({ ok: false });
    expect(() => withLedger(makeProblem(root, []), (l) => l.witness("demo"))).toThrow(/empty/);
  });
});

describe("verifyLedger with a witness", () => {
  it("passes a log that grew honestly since, with a consistency proof that re-checks", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    withLedger(dir, (ledger) => {
      for (let i = 0; i < 5; i++) ledger.append("stop", { i });
    });
    const result = check(dir, witness);
    expect(result).toMatchObject({ ok: true, size: 12 });
    if (!result.ok) return;
    const [passed] = result.witnesses;
    expect(passed).toMatchObject({ source: "w.json", size: 7 });
    const proof = (passed?.proof ?? []).map((h) => Buffer.from(h, "hex"));
    const [oldRoot, newRoot] = [witness.checkpoint.root, result.root].map((h) =>
      Buffer.from(h, "hex"),
    );
    expect(verifyConsistency(7, 12, oldRoot as Buffer, newRoot as Buffer, proof)).toBe(true);
    // A witness of today's log: equal sizes, an empty proof.
    expect(check(dir, takeWitness(dir))).toMatchObject({ ok: true, witnesses: [{ proof: [] }] });
    // Another problem's ledger does not extend this one's witness.
    const other = makeProblem(root, [...KINDS, ...KINDS]);
    expect(check(other, witness)).toMatchObject({ ok: false, problem: "rewritten", seq: 1 });
  });

  it("names the first missing entry of a log cut back and re-signed as a whole", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    const mallory = strangerKey();
    rewriteLedger(dir, mallory, 4);
    // Even a user who trusts the new key is told what the witness shows.
    const result = check(dir, witness, [mallory.publicKey]);
    expect(result).toMatchObject({ ok: false, problem: "truncated", seq: 5 });
    expect(!result.ok && result.message).toMatch(
      /^the ledger has 4 entries but the witness w\.json \(from .*\) covers 7: entries 4 to 6 are missing/,
    );
    // Without the witness the rewrite verifies under that key: the witness is what catches it.
    expect(verifyProblem(dir, { keys: [mallory.publicKey] })).toMatchObject({ ok: true });
  });

  it("names where a log cut back and regrown past the witness first differs", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    const mallory = strangerKey();
    rewriteLedger(dir, mallory, 6);
    fabricate(dir, 3);
    rewriteLedger(dir, mallory);
    const result = check(dir, witness, [mallory.publicKey]);
    expect(result).toMatchObject({ ok: false, problem: "rewritten", seq: 7 });
    expect(!result.ok && result.message).toMatch(
      /first 7 entries do not hash to the root .* signed: entry 6 \(seq 7\) differs/,
    );
  });

  it("names the run of entries an edit falls in, when it is more than one", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    tamperDb(dir, (db) => {
      const row = db.prepare("SELECT body FROM ledger_entries WHERE seq = 6").get() as {
        body: string;
      };
      const body = canonicalJson({ ...JSON.parse(row.body), data: { note: "nothing to see" } });
      db.prepare("UPDATE ledger_entries SET body = ?, leaf_hash = ? WHERE seq = 6").run(
        body,
        leafHash(body).toString("hex"),
      );
    });
    const mallory = strangerKey();
    rewriteLedger(dir, mallory);
    const result = check(dir, witness, [mallory.publicKey]);
    expect(result).toMatchObject({ ok: false, problem: "rewritten", seq: 5 });
    expect(!result.ok && result.message).toMatch(/entries 4 to 5 are not the ones the witness/);
  });

  it("fails a log re-signed by another key even when its entries are unchanged", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    const mallory = strangerKey();
    rewriteLedger(dir, mallory);
    const result = check(dir, witness, [mallory.publicKey]);
    expect(result).toMatchObject({ ok: false, problem: "bad-signature" });
    expect(!result.ok && result.message).toMatch(/re-signed with another key since the witness/);
  });

  it("refuses a witness whose signature or subtrees were changed", () => {
    const dir = makeProblem(root, KINDS);
    const witness = takeWitness(dir);
    const forged = { ...witness, checkpoint: { ...witness.checkpoint, size: 5 } };
    expect(check(dir, forged)).toMatchObject({ ok: false, problem: "bad-witness" });
    // Subtrees that do not fold to the signed root are ignored, not believed.
    rewriteLedger(dir, strangerKey(), 6);
    fabricate(dir, 2);
    const mallory = strangerKey();
    rewriteLedger(dir, mallory);
    const lying = {
      ...witness,
      subtrees: witness.subtrees.map((s) => ({ ...s, hash: "00".repeat(32) })),
    };
    const result = check(dir, lying, [mallory.publicKey]);
    expect(result).toMatchObject({ ok: false, problem: "rewritten" });
    expect(result).not.toHaveProperty("seq");
  });
});
