/**
 * Editing the store behind the ledger, the way someone with write access to
 * .steward/steward.db would (better-sqlite3 on the real file): swapping the
 * code of an approved program or of the champion a rollback restores, editing a
 * verdict, deleting a rejection and reopening the proposal, inserting a forged
 * verdict, changing a champion row. Each time `steward audit verify` names the
 * row, and deploy (or rollback) refuses, leaves the target file as it was and
 * records the refusal in the ledger.
 *
 * One real run (symbolic regression, gp mutator, fixed seed) makes the
 * proposals; every case works on its own copy of the folder, with the copy's
 * ledger key made from the original's so its log stays signed by one key.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerKeyFile } from "../../src/ledger/ledger-key.ts";
import { createApproverKey, loadApproverKey } from "../../src/oversight/keys.ts";
import { signVerdict } from "../../src/oversight/verdict.ts";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { copyExample, stewardDone } from "../helpers/run-cli.ts";

/** Not the program file: the bytes deployed must still be the bytes approved. */
const TARGET = "deployed/formula.ts";

let base: string;
let config: string;
let remove: () => void;
let proposal: { id: number; programId: number };
let seedProgramId: number;
const copies: string[] = [];

const steward = (...args: string[]) => stewardDone(args, { STEWARD_CONFIG_DIR: config });

function sql<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(problemStorePath(dir));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A copy of the problem after the run, with its own ledger key (a copy of the original's). */
function copy(): string {
  const dir = fs.mkdtempSync(path.join(path.dirname(base), "case-"));
  fs.cpSync(base, dir, { recursive: true });
  fs.copyFileSync(ledgerKeyFile(base), ledgerKeyFile(dir));
  copies.push(dir);
  return dir;
}

const target = (dir: string) => path.join(dir, TARGET);
const readTarget = (dir: string) =>
  fs.existsSync(target(dir)) ? fs.readFileSync(target(dir), "utf8") : null;

function refusals(dir: string) {
  return sql(dir, (db) =>
    db
      .prepare("SELECT body FROM ledger_entries WHERE kind = 'deploy-refused' ORDER BY seq")
      .all()
      .map((row) => JSON.parse((row as { body: string }).body).data as Record<string, unknown>),
  );
}

async function audit(dir: string) {
  const human = await steward("audit", "verify", dir);
  const json = await steward("audit", "verify", dir, "--json");
  return { human, json: JSON.parse(json.stdout), jsonStatus: json.status };
}

async function approve(dir: string, message = "checked") {
  const approved = await steward("approve", dir, String(proposal.id), "--as", "ada", "-m", message);
  expect(approved.status, approved.stderr).toBe(0);
}

beforeAll(async () => {
  const example = copyExample("symbolic-regression");
  base = example.dir;
  remove = example.remove;
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-store-tamper-"));
  vi.stubEnv("STEWARD_CONFIG_DIR", config);
  const ada = createApproverKey("ada", { configDir: config });
  const bob = createApproverKey("bob", { configDir: config });
  fs.appendFileSync(
    path.join(base, "steward.yaml"),
    [
      "approvals:",
      "  required: 1",
      "  approvers:",
      `    - { name: ada, key: "${ada.publicKey}" }`,
      `    - { name: bob, key: "${bob.publicKey}" }`,
      "deploy:",
      `  target: ${TARGET}`,
      "",
    ].join("\n"),
  );
  const run = await steward("run", base, "--max-evals", "30", "--seed", "1");
  expect(run.status, run.stderr).toBe(0);
  const review = await steward("review", base, "--json");
  const open = JSON.parse(review.stdout) as Array<{ id: number; programId: number }>;
  if (!open[0]) throw new Error(`the run made no open proposal:\n${run.stdout}`);
  proposal = open[0];
  seedProgramId = sql(base, (db) => {
    const row = db.prepare("SELECT program_id FROM champions WHERE reason = 'seed'").get();
    return (row as { program_id: number }).program_id;
  });
}, 600_000);

afterAll(() => {
  vi.unstubAllEnvs();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
  remove?.();
  fs.rmSync(config, { recursive: true, force: true });
});

describe("the store cannot be edited behind the ledger", () => {
  it("untouched: approve, deploy, rollback and audit verify all pass", async () => {
    const dir = copy();
    await approve(dir);
    const deployed = await steward("deploy", dir, String(proposal.id));
    expect(deployed.status, deployed.stderr).toBe(0);
    const code = sql(dir, (db) =>
      db.prepare("SELECT code FROM programs WHERE id = ?").get(proposal.programId),
    ) as { code: string };
    expect(readTarget(dir)).toBe(code.code);
    expect((await steward("rollback", dir)).status).toBe(0);
    const { human, json } = await audit(dir);
    expect(human.status, human.stdout).toBe(0);
    expect(human.stdout).toMatch(/store ok: \d+ oversight rows match the ledger/);
    expect(json).toMatchObject({ ok: true, store: { ok: true, findings: [] } });
    expect(refusals(dir)).toEqual([]);
  }, 600_000);

  it("deploy refuses an approved program whose code was swapped in the store", async () => {
    const dir = copy();
    await approve(dir);
    sql(dir, (db) =>
      db
        .prepare("UPDATE programs SET code = ? WHERE id = ?")
        .run(
          "export function f(x: number): number { return 42; } // swapped\n",
          proposal.programId,
        ),
    );
    const deployed = await steward("deploy", dir, String(proposal.id));
    expect(deployed.status).toBe(1);
    expect(deployed.stderr).toMatch(/deploy refused/);
    expect(deployed.stderr).toContain(`program ${proposal.programId}`);
    expect(deployed.stderr).toMatch(/[0-9a-f]{64}.*[0-9a-f]{64}/);
    expect(readTarget(dir)).toBeNull();
    expect(refusals(dir)).toEqual([
      expect.objectContaining({ operation: "deploy", proposalId: proposal.id }),
    ]);
    const { human } = await audit(dir);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain(`proposal ${proposal.id}: program ${proposal.programId}`);
  }, 600_000);

  it("rollback refuses when the previous champion's code was swapped", async () => {
    const dir = copy();
    await approve(dir);
    expect((await steward("deploy", dir, String(proposal.id))).status).toBe(0);
    const deployed = readTarget(dir);
    sql(dir, (db) =>
      db
        .prepare("UPDATE programs SET code = ? WHERE id = ?")
        .run("export function f(x: number): number { return -1; } // swapped\n", seedProgramId),
    );
    const rollback = await steward("rollback", dir);
    expect(rollback.status).toBe(1);
    expect(rollback.stderr).toMatch(/rollback refused/);
    expect(rollback.stderr).toContain(`program ${seedProgramId}`);
    expect(rollback.stderr).toMatch(/[0-9a-f]{64} expected, [0-9a-f]{64} found/);
    expect(readTarget(dir)).toBe(deployed);
    expect(refusals(dir)).toEqual([expect.objectContaining({ operation: "rollback" })]);
  }, 600_000);

  it("an edited verdict: audit names it, deploy refuses", async () => {
    const dir = copy();
    await approve(dir, "looks right");
    const verdictId = sql(dir, (db) => {
      db.prepare("UPDATE verdicts SET message = 'never read it' WHERE proposal_id = ?").run(
        proposal.id,
      );
      return (db.prepare("SELECT max(id) AS id FROM verdicts").get() as { id: number }).id;
    });
    const { human, json } = await audit(dir);
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(
      new RegExp(
        `verdict ${verdictId} of proposal ${proposal.id}: edited \\(message differs from ledger entry \\d+\\)`,
      ),
    );
    expect(json.store.findings[0]).toMatchObject({
      table: "verdict",
      id: verdictId,
      problem: "edited",
      field: "message",
    });
    await expectDeployRefused(dir, `verdict ${verdictId} of proposal ${proposal.id}: edited`);
  }, 600_000);

  it("a deleted rejection with the proposal set back to open: audit names both, deploy refuses", async () => {
    const dir = copy();
    // ada approves, bob vetoes: without the veto, ada's approval would deploy.
    await approve(dir);
    const rejected = await steward("reject", dir, String(proposal.id), "--as", "bob", "-m", "no");
    expect(rejected.status, rejected.stderr).toBe(0);
    sql(dir, (db) => {
      db.prepare("DELETE FROM verdicts WHERE verdict = 'reject'").run();
      db.prepare("UPDATE proposals SET status = 'open' WHERE id = ?").run(proposal.id);
    });
    const { human } = await audit(dir);
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(
      new RegExp(`proposal ${proposal.id}: edited \\(status differs from ledger entry \\d+\\)`),
    );
    expect(human.stdout).toMatch(
      new RegExp(
        `verdict \\d+ of proposal ${proposal.id}: deleted \\(ledger entry \\d+ recorded it\\)`,
      ),
    );
    await expectDeployRefused(dir, `proposal ${proposal.id}: edited (status`);
  }, 600_000);

  it("a forged verdict with a valid signature over another proposal's hash: audit names it, deploy refuses", async () => {
    const dir = copy();
    const ada = loadApproverKey("ada");
    // A genuine signature by ada, but over a different proposal's content hash.
    const other = signVerdict(ada, "approve", "ab".repeat(32));
    sql(dir, (db) =>
      db
        .prepare(
          `INSERT INTO verdicts (proposal_id, verdict, approver, public_key, content_hash, signature, message, created_at)
           VALUES (?, 'approve', ?, ?, ?, ?, 'forged', ?)`,
        )
        .run(
          proposal.id,
          other.approver,
          other.publicKey,
          other.contentHash,
          other.signature,
          new Date().toISOString(),
        ),
    );
    const forgedId = sql(
      dir,
      (db) => (db.prepare("SELECT max(id) AS id FROM verdicts").get() as { id: number }).id,
    );
    const { human } = await audit(dir);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain(
      `verdict ${forgedId} of proposal ${proposal.id}: inserted (no ledger entry records this row)`,
    );
    await expectDeployRefused(dir, `verdict ${forgedId} of proposal ${proposal.id}: inserted`);
  }, 600_000);

  it("a changed champion row: audit names it, deploy refuses", async () => {
    const dir = copy();
    await approve(dir);
    sql(dir, (db) =>
      db.prepare("UPDATE champions SET objective = 1e-9 WHERE reason = 'seed'").run(),
    );
    const { human } = await audit(dir);
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(
      new RegExp(
        `champion \\d+ \\(program ${seedProgramId}\\): edited \\(objective differs from ledger entry \\d+\\)`,
      ),
    );
    await expectDeployRefused(dir, `champion`);
  }, 600_000);
});

/** Deploy exits 1 naming `finding`, writes nothing and ledgers the refusal. */
async function expectDeployRefused(dir: string, finding: string) {
  const deployed = await steward("deploy", dir, String(proposal.id));
  expect(deployed.status, deployed.stdout).toBe(1);
  expect(deployed.stderr).toMatch(/deploy refused: the store no longer matches the ledger/);
  expect(deployed.stderr).toContain(finding);
  expect(readTarget(dir)).toBeNull();
  expect(refusals(dir)).toEqual([
    expect.objectContaining({ operation: "deploy", proposalId: proposal.id, reason: "store" }),
  ]);
}
