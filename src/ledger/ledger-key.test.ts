import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decodePublicKey, signatureValid, signText } from "./ed25519.ts";
import { tempRoot } from "./ledger.test-kit.ts";
import { findLedgerKey, ledgerKey, ledgerKeyFile, ledgerKeyId } from "./ledger-key.ts";

const root = tempRoot();
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});
const newProblem = (name = "problem-") => fs.mkdtempSync(path.join(root, name));

describe("ledger keys", () => {
  it("derives the id from the real path: hash prefix plus the folder name", () => {
    const dir = newProblem("my problem ");
    const link = path.join(root, "link");
    fs.symlinkSync(dir, link);
    expect(ledgerKeyId(dir)).toMatch(/^[0-9a-f]{16}-my_problem_\w+$/);
    expect(ledgerKeyId(link)).toBe(ledgerKeyId(dir));
    expect(ledgerKeyId(newProblem())).not.toBe(ledgerKeyId(dir));
  });

  it("creates the key once, then reads the same one back", () => {
    const dir = newProblem();
    expect(findLedgerKey(dir)).toBeUndefined();
    const key = ledgerKey(dir);
    expect(key.publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    expect(ledgerKey(dir).publicKey).toBe(key.publicKey);
    expect(decodePublicKey(key.publicKey)).toBeDefined();
    const signature = signText(key.privateKey, "hello");
    expect(signatureValid(key.publicKey, "hello", signature)).toBe(true);
    expect(signatureValid(key.publicKey, "hello!", signature)).toBe(false);
    expect(signatureValid("ed25519:nope", "hello", signature)).toBe(false);
  });

  it("finds the key of a problem folder that moved, by the public key its ledger names", () => {
    const dir = newProblem();
    const key = ledgerKey(dir);
    const moved = `${dir}-moved`;
    fs.renameSync(dir, moved);
    expect(findLedgerKey(moved)).toBeUndefined();
    expect(ledgerKey(moved, key.publicKey).file).toBe(key.file);
  });

  it("refuses to sign on with a new key when the ledger's key is not here", () => {
    const dir = newProblem();
    const lost = ledgerKey(newProblem());
    fs.rmSync(lost.file);
    expect(() => ledgerKey(dir, lost.publicKey)).toThrow(/copy that \.pem file/);
  });

  it("refuses a key file other users can read", () => {
    const dir = newProblem();
    ledgerKey(dir);
    fs.chmodSync(ledgerKeyFile(dir), 0o644);
    expect(() => ledgerKey(dir)).toThrow(/chmod 600/);
    fs.chmodSync(ledgerKeyFile(dir), 0o600);
  });
});
