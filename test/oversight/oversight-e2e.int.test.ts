/**
 * Oversight end to end, as people use it: bin packing runs until a candidate
 * passes the gates (the candidate comes from a model on 127.0.0.1 replaying a
 * recorded reply: the gp mutator's first gains on bin packing rarely carry over
 * to the holdout data, so the gates rightly block them); a deploy without approval is refused, an approval with a key
 * the charter does not list is refused; a listed approver approves, the deploy
 * writes the file and a git commit with the approver in its trailers; rollback
 * restores the seed; `audit verify` passes, and fails once one ledger row is
 * edited in SQLite.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApproverKey } from "../../src/oversight/keys.ts";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { fixture, type LlmServer, startLlmServer } from "../helpers/llm-server.ts";
import { BIN, copyExample, stewardDone } from "../helpers/run-cli.ts";

let dir: string;
let config: string;
let remove: () => void;
let server: LlmServer;

function steward(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, STEWARD_CONFIG_DIR: config },
  });
}

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@localhost", ...args], {
    cwd: dir,
    encoding: "utf8",
  });

beforeAll(async () => {
  server = await startLlmServer([fixture("bin-packing-improve")]);
  const copy = copyExample("bin-packing");
  dir = copy.dir;
  remove = copy.remove;
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-oversight-config-"));
  const ada = createApproverKey("ada", { configDir: config });
  createApproverKey("mallory", { configDir: config });
  fs.appendFileSync(
    path.join(dir, "steward.yaml"),
    [
      "approvals:",
      "  required: 1",
      "  approvers:",
      `    - { name: ada, key: "${ada.publicKey}" }`,
      "deploy:",
      "  git: true",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(path.join(dir, ".gitignore"), ".steward/\n");
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "the problem");
});

afterAll(async () => {
  await server?.close();
  remove?.();
  fs.rmSync(config, { recursive: true, force: true });
});

describe("oversight end to end", () => {
  it("proposes, refuses, approves, deploys, rolls back and audits", async () => {
    const seed = fs.readFileSync(path.join(dir, "program.ts"), "utf8");
    const model = `openai-compatible:replay@${server.url}`;
    const run = await stewardDone(
      ["run", dir, "--model", model, "--max-evals", "2", "--workers", "1"],
      { STEWARD_CONFIG_DIR: config },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/passed the gates/);
    const open = JSON.parse(steward("review", dir, "--json").stdout) as Array<{
      id: number;
      programId: number;
      status: string;
    }>;
    expect(open.length).toBeGreaterThan(0);
    const proposal = open[0] as { id: number; programId: number };
    const id = String(proposal.id);

    const shown = steward("show", dir, id);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/verify\s+pass/);
    expect(shown.stdout).toContain("--- champion/program.ts");

    const early = steward("deploy", dir, id);
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/cannot be deployed/);
    expect(fs.readFileSync(path.join(dir, "program.ts"), "utf8")).toBe(seed);

    const unlisted = steward("approve", dir, id, "--as", "mallory");
    expect(unlisted.status).toBe(1);
    expect(unlisted.stderr).toMatch(/mallory/);

    const approved = steward("approve", dir, id, "--as", "ada", "-m", "looks right");
    expect(approved.status, approved.stderr).toBe(0);
    const deployed = steward("deploy", dir, id);
    expect(deployed.status, deployed.stderr).toBe(0);

    const store = openSqliteStore(problemStorePath(dir));
    const code = store.getProgram(proposal.programId)?.code;
    store.close();
    expect(fs.readFileSync(path.join(dir, "program.ts"), "utf8")).toBe(code);
    expect(git("log", "-1", "--format=%B")).toMatch(/^Approved-by: ada <ed25519:/m);
    expect(git("status", "--porcelain")).toBe("");

    const rollback = steward("rollback", dir);
    expect(rollback.status, rollback.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, "program.ts"), "utf8")).toBe(seed);
    expect(git("log", "-1", "--format=%s")).toMatch(/roll back/);

    const audit = steward("audit", "verify", dir);
    expect(audit.status, audit.stdout + audit.stderr).toBe(0);
    const log = steward("audit", "log", dir).stdout;
    for (const kind of [
      "charter-pin",
      "run-start",
      "gate-result",
      "proposal",
      "approval",
      "deploy",
      "rollback",
      "budget-stop",
    ]) {
      expect(log).toContain(kind);
    }

    // One edited row in SQLite, and the audit names it.
    const db = new Database(problemStorePath(dir));
    const row = db.prepare("SELECT seq FROM ledger_entries WHERE kind = 'approval'").get() as {
      seq: number;
    };
    db.prepare(
      "UPDATE ledger_entries SET body = replace(body, 'looks right', 'looks wrong') WHERE seq = ?",
    ).run(row.seq);
    db.close();
    const tampered = steward("audit", "verify", dir);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout + tampered.stderr).toContain(`entry ${row.seq - 1}`);
  }, 600_000);
});
