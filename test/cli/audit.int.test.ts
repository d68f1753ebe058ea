/** `steward audit` through its command object (verify, log, prove, check-proof). */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CommandIO } from "../../src/cli/command.ts";
import { auditCommand } from "../../src/cli/commands/audit.ts";
import { makeProblem, tamperDb, tempRoot } from "../../src/ledger/ledger.test-kit.ts";
import { Ledger } from "../../src/ledger/ledger.ts";
import { ledgerKey } from "../../src/ledger/ledger-key.ts";
import { boundPin } from "../../src/oversight/store-binding.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";

const root = tempRoot("steward-audit-");
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

async function audit(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await auditCommand.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("steward audit", () => {
  it("verify: exit 0 with the size, root and key of an intact ledger", async () => {
    const dir = makeProblem(root);
    const run = await audit("verify", dir);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^ledger ok: 6 entries, root [0-9a-f]{64}, 6 signed checkpoints by ed25519:/,
    );
    expect(run.out).toContain(ledgerKey(dir).publicKey);
    const json = await audit("verify", dir, "--json");
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, size: 6 });
  });

  it("verify: exit 1 naming the first bad entry", async () => {
    const dir = makeProblem(root);
    tamperDb(dir, (db) => db.prepare("DELETE FROM ledger_entries WHERE seq = 4").run());
    const run = await audit("verify", dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/ledger FAILED \(deleted\): entry 3 \(seq 4\) is missing/);
    const json = JSON.parse((await audit("verify", dir, "--json")).out);
    expect(json).toMatchObject({ ok: false, problem: "deleted", seq: 4 });
  });

  it("verify: exit 1 naming a store row edited behind the ledger, in text and JSON", async () => {
    const dir = makeProblem(root);
    addBoundPin(dir);
    expect((await audit("verify", dir)).out).toMatch(/store ok: 1 oversight rows match the ledger/);
    tamperDb(dir, (db) =>
      db.prepare(`UPDATE charter_pins SET files = '{"steward.yaml":"bb"}'`).run(),
    );
    const run = await audit("verify", dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^ledger ok: 7 entries/);
    expect(run.out).toContain("store FAILED: 1 row(s) differ from the ledger");
    expect(run.out).toContain("pin 1: edited (files differs from ledger entry 6)");
    const json = await audit("verify", dir, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      ledgerOk: true,
      store: {
        ok: false,
        findings: [{ table: "pin", id: 1, problem: "edited", field: "files", entry: 6 }],
      },
    });
  });

  it("log: one line per entry, filtered by --kind, or JSON", async () => {
    const dir = makeProblem(root);
    const run = await audit("log", dir);
    expect(run.code).toBe(0);
    const lines = run.out.split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(/^2 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}proposal {8}n=2 note="entry 2"$/);
    const approvals = await audit("log", dir, "--kind", "approval");
    expect(approvals.out.split("\n")).toHaveLength(1);
    expect(approvals.out).toMatch(/^4 .*approval/);
    expect(JSON.parse((await audit("log", dir, "--json")).out)).toHaveLength(6);
    await expect(audit("log", dir, "--kind", "approve")).rejects.toThrow(/--kind must be one of/);
  });

  it("prove and check-proof: a proof round-trips; a forged one is refused, naming why", async () => {
    const dir = makeProblem(root);
    const file = path.join(dir, "proof.json");
    const proved = await audit("prove", dir, "4", "--out", file);
    expect(proved).toMatchObject({ code: 0 });
    expect(proved.out).toMatch(/wrote the proof of entry 4 \(tree of 6\)/);
    const printed = await audit("prove", dir, "4");
    expect(JSON.parse(printed.out)).toEqual(JSON.parse(fs.readFileSync(file, "utf8")));

    const ok = await audit("check-proof", file);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^proof ok: entry 4 \(approval, .*\) is in the ledger of 6 entries/);
    const key = ledgerKey(dir).publicKey;
    expect((await audit("check-proof", file, "--key", key)).code).toBe(0);

    const proof = JSON.parse(fs.readFileSync(file, "utf8"));
    proof.entry.data.note = "forged";
    const forged = path.join(dir, "forged.json");
    fs.writeFileSync(forged, JSON.stringify(proof));
    const refused = await audit("check-proof", forged);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/proof FAILED \(leaf-mismatch\): .*the entry was changed/);

    const other = ledgerKey(makeProblem(root, ["run-start"])).publicKey;
    const wrongKey = await audit("check-proof", file, "--key", other);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/wrong-key/);
  });

  it("explains usage errors and a folder without a store", async () => {
    await expect(audit()).rejects.toThrow(
      /expected an action: use verify, checkpoint, key, log, prove or check-proof/,
    );
    await expect(audit("frob", root)).rejects.toThrow(/unknown audit action "frob"/);
    await expect(audit("verify")).rejects.toThrow(/expected PROBLEM, got nothing/);
    await expect(audit("prove", makeProblem(root), "x")).rejects.toThrow(
      /ENTRY must be an entry's index/,
    );
    await expect(audit("prove", makeProblem(root), "9")).rejects.toThrow(
      /no entry 9: entries are 0 to 5/,
    );
    const empty = fs.mkdtempSync(path.join(root, "empty-"));
    await expect(audit("verify", empty)).rejects.toMatchObject({ code: "problem-not-found" });
    expect(fs.existsSync(path.join(empty, ".steward"))).toBe(false);
    await expect(audit("check-proof", path.join(root, "nope.json"))).rejects.toThrow(
      /cannot read the proof/,
    );
  });

  it("has a usage text that lists every action and option it accepts", () => {
    for (const word of [
      "verify",
      "log",
      "prove",
      "check-proof",
      "--json",
      "--kind",
      "--out",
      "--key",
    ]) {
      expect(auditCommand.usage).toContain(word);
    }
  });
});

/** A charter pin written as Steward writes one: the row and its ledger entry together. */
function addBoundPin(dir: string): void {
  const store = openProblemStore(dir);
  try {
    const ledger = new Ledger(store, dir);
    store.transaction(() => {
      const pin = store.oversight.addPin({
        files: { "steward.yaml": "aa" },
        approvers: [],
        acceptedBy: null,
      });
      ledger.append("charter-pin", { files: pin.files, rows: [boundPin(pin)] });
    });
  } finally {
    store.close();
  }
}
