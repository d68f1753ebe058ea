import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson } from "../util/canonical-json.ts";
import { type Checkpoint, signCheckpoint } from "./checkpoint.ts";
import { checkpointFilePath } from "./checkpoint-file.ts";
import {
  makeProblem,
  rewriteLedger,
  strangerKey,
  tamperCheckpointFile,
  tamperDb,
  tempRoot,
  verifyProblem,
  withLedger,
} from "./ledger.test-kit.ts";
import { ledgerKey } from "./ledger-key.ts";
import { leafHash } from "./merkle.ts";

const root = tempRoot();
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

type Row = { seq: number; kind: string; body: string; leaf_hash: string };
const rowAt = (db: import("better-sqlite3").Database, seq: number) =>
  db.prepare("SELECT * FROM ledger_entries WHERE seq = ?").get(seq) as Row;

/** Replaces entry `seq`'s data and, when `rehash`, its leaf hash to match. */
function editEntry(dir: string, seq: number, rehash: boolean) {
  tamperDb(dir, (db) => {
    const body = JSON.parse(rowAt(db, seq).body);
    const edited = canonicalJson({ ...body, data: { ...body.data, note: "nothing to see" } });
    const hash = rehash ? leafHash(edited).toString("hex") : rowAt(db, seq).leaf_hash;
    db.prepare("UPDATE ledger_entries SET body = ?, leaf_hash = ? WHERE seq = ?").run(
      edited,
      hash,
      seq,
    );
  });
}

describe("verifyLedger on an intact ledger", () => {
  it("re-derives the root and counts the checkpoints", () => {
    const dir = makeProblem(root);
    const result = verifyProblem(dir);
    const expected = withLedger(dir, (ledger) => ledger.root());
    const publicKey = ledgerKey(dir).publicKey;
    expect(result).toEqual({
      ok: true,
      size: 6,
      root: expected,
      checkpoints: 6,
      publicKey,
      keySource: "local",
      witnesses: [],
      warnings: [],
    });
  });

  it("accepts an empty ledger", () => {
    const result = verifyProblem(makeProblem(root, []));
    expect(result).toMatchObject({ ok: true, size: 0, checkpoints: 0 });
  });

  it("fails when nothing vouches for the key (no local key, no pin, no --trust-key)", () => {
    const dir = makeProblem(root);
    const key = ledgerKey(dir).publicKey;
    fs.rmSync(ledgerKey(dir).file);
    const result = verifyProblem(dir);
    expect(result).toMatchObject({ ok: false, problem: "unknown-key" });
    expect(!result.ok && result.message).toContain(`ledger: { public_key: "${key}" }`);
    expect(verifyProblem(dir, { pinned: key })).toMatchObject({ ok: true, keySource: "charter" });
    expect(verifyProblem(dir, { keys: [key] })).toMatchObject({ ok: true, keySource: "trust-key" });
  });
});

describe("verifyLedger: whose key signed the log", () => {
  it("a pin that names another key fails, even with the local key, unless --trust-key", () => {
    const dir = makeProblem(root);
    const key = ledgerKey(dir).publicKey;
    const other = strangerKey().publicKey;
    const result = verifyProblem(dir, { pinned: other });
    expect(result).toMatchObject({ ok: false, problem: "bad-signature" });
    expect(!result.ok && result.message).toMatch(/the charter pins the ledger key/);
    expect(verifyProblem(dir, { pinned: key })).toMatchObject({ ok: true, keySource: "charter" });
    expect(verifyProblem(dir, { pinned: other, keys: [key] })).toMatchObject({ ok: true });
  });

  it("a log re-signed by a stranger fails without a witness: by the local key, the pin, or no key at all", () => {
    const dir = makeProblem(root);
    const original = ledgerKey(dir).publicKey;
    const mallory = strangerKey();
    rewriteLedger(dir, mallory, 3);
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "bad-signature" });
    // The charter pin fails the same log on a machine without the key...
    expect(verifyProblem(dir, { pinned: original })).toMatchObject({
      ok: false,
      problem: "bad-signature",
    });
    fs.rmSync(ledgerKey(dir).file);
    expect(verifyProblem(dir, { pinned: original })).toMatchObject({
      ok: false,
      problem: "bad-signature",
    });
    // ...and with neither, the stranger's key is unknown: a failure, not a warning.
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "unknown-key" });
    // Only a user who names the stranger's key accepts it.
    expect(verifyProblem(dir, { keys: [mallory.publicKey] })).toMatchObject({ ok: true, size: 3 });
  });
});

describe("verifyLedger finds each kind of tampering and names the first bad entry", () => {
  it("a body edited (its leaf hash no longer matches)", () => {
    const dir = makeProblem(root);
    editEntry(dir, 3, false);
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "edited", seq: 3 });
  });

  it("a body and its leaf hash edited together (the signed root no longer matches)", () => {
    const dir = makeProblem(root);
    editEntry(dir, 3, true);
    const result = verifyProblem(dir);
    expect(result).toMatchObject({ ok: false, problem: "edited", seq: 3 });
    expect(!result.ok && result.message).toMatch(/entry 2 \(seq 3\).*root signed/);
  });

  it("a row deleted (a gap in seq)", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => db.prepare("DELETE FROM ledger_entries WHERE seq = 3").run());
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "deleted", seq: 3 });
  });

  it("a row deleted and the rows after it renumbered", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => {
      db.prepare("DELETE FROM ledger_entries WHERE seq = 3").run();
      db.prepare("UPDATE ledger_entries SET seq = -(seq - 1) WHERE seq > 3").run();
      db.prepare("UPDATE ledger_entries SET seq = -seq WHERE seq < 0").run();
    });
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "deleted", seq: 3 });
  });

  it("a row inserted in the middle (the rows after it shifted)", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => {
      db.prepare("UPDATE ledger_entries SET seq = -(seq + 1) WHERE seq >= 3").run();
      db.prepare("UPDATE ledger_entries SET seq = -seq WHERE seq < 0").run();
      const body = canonicalJson({
        index: 2,
        kind: "approval",
        time: new Date().toISOString(),
        data: { by: "mallory" },
      });
      db.prepare(
        "INSERT INTO ledger_entries (seq, kind, body, leaf_hash, created_at) VALUES (3, 'approval', ?, ?, '')",
      ).run(body, leafHash(body).toString("hex"));
    });
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "inserted", seq: 3 });
  });

  it("a row added at the end without a checkpoint", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => {
      const body = canonicalJson({
        index: 6,
        kind: "deploy",
        time: new Date().toISOString(),
        data: {},
      });
      db.prepare(
        "INSERT INTO ledger_entries (kind, body, leaf_hash, created_at) VALUES ('deploy', ?, ?, '')",
      ).run(body, leafHash(body).toString("hex"));
    });
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "inserted", seq: 7 });
  });

  it("two rows swapped", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => {
      const [a, b] = [rowAt(db, 2), rowAt(db, 4)];
      const set = db.prepare(
        "UPDATE ledger_entries SET kind = ?, body = ?, leaf_hash = ? WHERE seq = ?",
      );
      set.run(b.kind, b.body, b.leaf_hash, 2);
      set.run(a.kind, a.body, a.leaf_hash, 4);
    });
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "reordered", seq: 2 });
  });

  it("the log truncated (the checkpoints say it was longer)", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => db.prepare("DELETE FROM ledger_entries WHERE seq > 4").run());
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "truncated", seq: 5 });
  });

  it("the log and its database checkpoints truncated (the file still says it was longer)", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => {
      db.prepare("DELETE FROM ledger_entries WHERE seq > 4").run();
      db.prepare("DELETE FROM ledger_checkpoints WHERE size > 4").run();
    });
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "truncated", seq: 5 });
  });

  it("a checkpoint missing from the file", () => {
    const dir = makeProblem(root);
    tamperCheckpointFile(dir, (lines) => lines.filter((_, i) => i !== 2));
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "checkpoint-mismatch" });
  });

  it("the checkpoint file deleted", () => {
    const dir = makeProblem(root);
    fs.rmSync(checkpointFilePath(dir));
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "checkpoint-mismatch" });
  });

  it("a checkpoint in the file that differs from the database's (validly signed)", () => {
    const dir = makeProblem(root);
    const forged = signCheckpoint(ledgerKey(dir), 3, "ab".repeat(32), new Date().toISOString());
    tamperCheckpointFile(dir, (lines) =>
      lines.map((line, i) => (i === 2 ? canonicalJson(forged) : line)),
    );
    const result = verifyProblem(dir);
    expect(result).toMatchObject({ ok: false, problem: "checkpoint-mismatch" });
    expect(!result.ok && result.message).toMatch(/size 3/);
  });

  it("a checkpoint whose root was edited in the file (the signature breaks)", () => {
    const dir = makeProblem(root);
    tamperCheckpointFile(dir, (lines) =>
      // Flip the root's first hex digit: writing a fixed digit would leave one root in 16 unchanged.
      lines.map((line, i) =>
        i === 4
          ? line.replace(/"root":"(.)/, (_, c: string) => `"root":"${c === "0" ? "1" : "0"}`)
          : line,
      ),
    );
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "bad-signature" });
  });

  it("a signature in the database that does not verify", () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => {
      const { signature } = db
        .prepare("SELECT signature FROM ledger_checkpoints WHERE size = 2")
        .get() as Checkpoint;
      const bytes = Buffer.from(signature, "base64");
      bytes.writeUInt8(bytes.readUInt8(10) ^ 1, 10);
      db.prepare("UPDATE ledger_checkpoints SET signature = ? WHERE size = 2").run(
        bytes.toString("base64"),
      );
    });
    const result = verifyProblem(dir);
    expect(result).toMatchObject({ ok: false, problem: "bad-signature" });
    expect(!result.ok && result.message).toMatch(/size 2 in the database/);
  });

  it("the whole log rewritten and re-signed with another key", () => {
    const dir = makeProblem(root);
    editEntry(dir, 2, true);
    rewriteLedger(dir, strangerKey());
    const result = verifyProblem(dir);
    expect(result).toMatchObject({ ok: false, problem: "bad-signature" });
    expect(!result.ok && result.message).toMatch(/re-signed/);
  });

  it("an unreadable checkpoint file", () => {
    const dir = makeProblem(root);
    tamperCheckpointFile(dir, (lines) => [...lines, "{not json"]);
    expect(verifyProblem(dir)).toMatchObject({ ok: false, problem: "unreadable" });
  });

  it("the ledger refuses to append to a tampered log", () => {
    const dir = makeProblem(root);
    editEntry(dir, 3, true);
    expect(() => withLedger(dir, (ledger) => ledger.append("stop", {}))).toThrow(/audit verify/);
  });
});
