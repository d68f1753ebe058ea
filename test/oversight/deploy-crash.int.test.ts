/**
 * `steward deploy` killed with SIGKILL at every moment of its life, again and
 * again, until one finishes: after every kill the target holds the old or the
 * new program (never a mix), the store never records a deploy whose file is not
 * there, and the ledger verifies. The deploy that finally completes leaves the
 * approved program deployed and committed.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "../../src/ledger/verify-ledger.ts";
import { championStack } from "../../src/oversight/champion.ts";
import { createApproverKey } from "../../src/oversight/keys.ts";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { BIN, copyExample, exited, stewardDone } from "../helpers/run-cli.ts";

let dir: string;
let config: string;
let remove: () => void;
const env = () => ({ STEWARD_CONFIG_DIR: config });

beforeAll(async () => {
  const copy = copyExample("symbolic-regression");
  dir = copy.dir;
  remove = copy.remove;
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-deploy-crash-"));
  // verifyLedger below runs in this process: it finds the ledger key the runs made here.
  process.env.STEWARD_CONFIG_DIR = config;
  const ada = createApproverKey("ada", { configDir: config });
  fs.appendFileSync(
    path.join(dir, "steward.yaml"),
    `approvals:\n  approvers:\n    - { name: ada, key: "${ada.publicKey}" }\ndeploy:\n  git: true\n`,
  );
  fs.writeFileSync(path.join(dir, ".gitignore"), ".steward/\n");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@localhost", ...args], {
      cwd: dir,
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "the problem");
}, 600_000);

afterAll(() => {
  delete process.env.STEWARD_CONFIG_DIR;
  remove?.();
  fs.rmSync(config, { recursive: true, force: true });
});

function state(proposalProgram: number) {
  const store = openSqliteStore(problemStorePath(dir));
  try {
    const champion = championStack(store.oversight.champions()).current;
    return {
      deployed: champion?.programId === proposalProgram,
      newCode: store.getProgram(proposalProgram)?.code,
      ledger: verifyLedger(store, dir),
    };
  } finally {
    store.close();
  }
}

describe("kill -9 during steward deploy", () => {
  it("leaves the old or the new file and never a deploy without its file", async () => {
    const seed = fs.readFileSync(path.join(dir, "program.ts"), "utf8");
    const run = await stewardDone(["run", dir, "--max-evals", "30", "--seed", "1"], env());
    expect(run.status, run.stderr).toBe(0);
    // How long a short command takes on this machine now: the kill sweep is
    // scaled by it, so that a busy machine does not outrun the sweep.
    const began = performance.now();
    const review = await stewardDone(["review", dir, "--json"], env());
    const commandMs = performance.now() - began;
    const [proposal] = JSON.parse(review.stdout) as Array<{ id: number; programId: number }>;
    if (!proposal) throw new Error(`no proposal: ${run.stdout}`);
    const id = String(proposal.id);
    expect((await stewardDone(["approve", dir, id, "--as", "ada"], env())).status).toBe(0);

    let kills = 0;
    let finished = false;
    for (let attempt = 0; attempt < 400 && !finished; attempt++) {
      const child = spawn(process.execPath, [BIN, "deploy", dir, id], {
        env: { ...process.env, ...env() },
        stdio: "ignore",
      });
      // Sweep the kill through start-up, the file write, the commit and the
      // store: from a third of a short command's time, a 25th of it further each
      // time, until a deploy outruns its kill.
      const delay = commandMs * (0.3 + attempt / 25);
      const timer = setTimeout(() => child.kill("SIGKILL"), delay);
      const code = await exited(child);
      clearTimeout(timer);
      if (code === 0) finished = true;
      else kills++;
      const now = state(proposal.programId);
      const file = fs.readFileSync(path.join(dir, "program.ts"), "utf8");
      expect([seed, now.newCode]).toContain(file);
      if (now.deployed) expect(file).toBe(now.newCode);
      expect(now.ledger.ok, JSON.stringify(now.ledger)).toBe(true);
      if (now.deployed) finished = true;
    }
    console.log(`deploy: ${kills} kill(s) before a deploy completed`);
    expect(finished).toBe(true);
    expect(kills).toBeGreaterThan(5);
    const final = state(proposal.programId);
    expect(final.deployed).toBe(true);
    expect(fs.readFileSync(path.join(dir, "program.ts"), "utf8")).toBe(final.newCode);
    const log = execFileSync("git", ["log", "--format=%B"], { cwd: dir, encoding: "utf8" });
    expect(log).toMatch(/Approved-by: ada/);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".steward-tmp"))).toEqual([]);
  }, 900_000);
});
