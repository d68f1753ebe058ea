/**
 * `steward audit checkpoint`, `audit verify --witness/--trust-key` and `audit
 * key`: a ledger rolled back as a whole (entries, database checkpoints and the
 * checkpoint file rewritten together, re-signed with a new key) is caught by a
 * witness kept outside the folder, and by the key check without one.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CommandIO } from "../../src/cli/command.ts";
import { auditCommand } from "../../src/cli/commands/audit.ts";
import type { EntryKind } from "../../src/ledger/entry-kinds.ts";
import {
  makeProblem,
  rewriteLedger,
  strangerKey,
  tempRoot,
  withLedger,
} from "../../src/ledger/ledger.test-kit.ts";
import { ledgerKey } from "../../src/ledger/ledger-key.ts";

const root = tempRoot("steward-audit-witness-");
const elsewhere = fs.mkdtempSync(path.join(root, "other-disk-"));
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

const TEN: EntryKind[] = Array.from({ length: 10 }, (_, i) =>
  i === 0 ? "run-start" : i % 2 ? "proposal" : "gate-result",
);

function writeCharter(dir: string, ledger = "") {
  fs.writeFileSync(
    path.join(dir, "steward.yaml"),
    `name: witnessed\nprogram: program.ts\nobjective: { metric: score, direction: maximize }\n${ledger}`,
  );
}

/** A problem of ten entries and a witness of them on "another disk". */
async function witnessed() {
  const dir = makeProblem(root, TEN);
  writeCharter(dir);
  const file = path.join(elsewhere, `${path.basename(dir)}.json`);
  const written = await audit("checkpoint", dir, "--out", file);
  expect(written.code).toBe(0);
  return { dir, file, original: ledgerKey(dir).publicKey };
}

describe("steward audit checkpoint", () => {
  it("writes the latest signed checkpoint as a self-describing witness, or prints it", async () => {
    const { dir, file, original } = await witnessed();
    const witness = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(witness).toMatchObject({
      format: "steward-ledger-witness/1",
      problem: "witnessed",
      checkpoint: { size: 10, publicKey: original },
    });
    expect(witness.checkpoint.root).toBe(withLedger(dir, (ledger) => ledger.root()));
    expect(witness.about).toMatch(/steward audit verify PROBLEM --witness/);
    const printed = await audit("checkpoint", dir);
    expect(JSON.parse(printed.out).checkpoint).toEqual(witness.checkpoint);
  });

  it("refuses to vouch for a ledger that does not verify", async () => {
    const { dir } = await witnessed();
    rewriteLedger(dir, strangerKey(), 7);
    const file = path.join(elsewhere, "refused.json");
    const run = await audit("checkpoint", dir, "--out", file);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/no witness written/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("steward audit verify --witness", () => {
  it("passes a ledger that grew honestly since the witness", async () => {
    const { dir, file } = await witnessed();
    withLedger(dir, (ledger) => {
      for (let i = 0; i < 7; i++) ledger.append("stop", { i });
    });
    const run = await audit("verify", dir, "--witness", file);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ledger ok: 17 entries/);
    expect(run.out).toContain(`witness ok: ${file} (10 entries,`);
    const json = JSON.parse((await audit("verify", dir, "--witness", file, "--json")).out);
    expect(json.witnesses).toHaveLength(1);
    expect(json.witnesses[0]).toMatchObject({ size: 10 });
  });

  it("catches the ledger cut back by 3 entries and re-signed as a whole, naming the first missing entry", async () => {
    const { dir, file, original } = await witnessed();
    const mallory = strangerKey();
    rewriteLedger(dir, mallory, 7);
    // The verifying machine has no ledger key (another machine, or the key file is gone).
    fs.rmSync(ledgerKey(dir, original).file);

    // Without a witness or a known key the rewrite is only a signature by an unknown key: that fails.
    const bare = await audit("verify", dir);
    expect(bare.code).toBe(1);
    expect(bare.out).toMatch(
      /ledger FAILED \(unknown-key\): the checkpoints are signed by ed25519:/,
    );
    expect(bare.out).toContain(`--trust-key ${mallory.publicKey}`);

    // The witness names what is missing, whatever key the user was talked into trusting.
    for (const extra of [[], ["--trust-key", mallory.publicKey]]) {
      const run = await audit("verify", dir, "--witness", file, ...extra);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(
        /ledger FAILED \(truncated\): the ledger has 7 entries but the witness .* \(from .*\) covers 10: entries 7 to 9 are missing/,
      );
      const json = JSON.parse(
        (await audit("verify", dir, "--witness", file, "--json", ...extra)).out,
      );
      expect(json).toMatchObject({ ok: false, problem: "truncated", seq: 8 });
    }

    // The charter's pin of the original key fails the re-signed log on any machine.
    writeCharter(dir, `ledger:\n  public_key: "${original}"\n`);
    const pinned = await audit("verify", dir);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toMatch(/bad-signature.*the charter pins the ledger key/);

    // Only a key the user names explicitly makes the bare log pass: the witness is what remains.
    expect((await audit("verify", dir, "--trust-key", mallory.publicKey)).code).toBe(0);
  });

  it("accepts a ledger key the charter pins on a machine without the key file", async () => {
    const { dir, file, original } = await witnessed();
    fs.rmSync(ledgerKey(dir, original).file);
    expect((await audit("verify", dir)).code).toBe(1);
    writeCharter(dir, `ledger:\n  public_key: "${original}"\n`);
    const run = await audit("verify", dir, "--witness", file);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/by ed25519:\S+ \(pinned in the charter\)/);
  });

  it("explains bad flags and files", async () => {
    const { dir } = await witnessed();
    await expect(audit("verify", dir, "--trust-key", "abc")).rejects.toThrow(
      /--trust-key must be a ledger public key/,
    );
    await expect(audit("verify", dir, "--witness", path.join(root, "nope.json"))).rejects.toThrow(
      /cannot read the witness/,
    );
    const notWitness = path.join(root, "not-a-witness.json");
    fs.writeFileSync(notWitness, JSON.stringify({ hello: 1 }));
    await expect(audit("verify", dir, "--witness", notWitness)).rejects.toThrow(
      /is not a ledger witness \(format/,
    );
    writeCharter(dir, "ledger:\n  public_key: abc\n");
    await expect(audit("verify", dir)).rejects.toMatchObject({ code: "charter-invalid" });
  });
});

describe("steward audit key", () => {
  it("prints the ledger key and the charter lines that pin it", async () => {
    const { dir, original } = await witnessed();
    const run = await audit("key", dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`ledger key: ${original}`);
    expect(run.out).toContain(`ledger:\n  public_key: ${original}`);
    writeCharter(dir, `ledger:\n  public_key: "${original}"\n`);
    expect((await audit("key", dir)).out).toMatch(/the charter pins it/);
    const json = JSON.parse((await audit("key", dir, "--json")).out);
    expect(json).toMatchObject({ publicKey: original, pinned: original, checkpoints: 10 });
  });

  it("has a usage text that names the new actions and flags", () => {
    for (const word of ["checkpoint", "key PROBLEM", "--witness", "--trust-key", "consistency"]) {
      expect(auditCommand.usage).toContain(word);
    }
  });
});
