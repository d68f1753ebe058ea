import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PUBLIC_KEY_PATTERN } from "../problem/charter-oversight.ts";
import {
  approverNameProblem,
  createApproverKey,
  listApproverKeys,
  loadApproverKey,
} from "./keys.ts";
import { verifySignature } from "./signatures.ts";

let configDir: string;
beforeEach(() => {
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-keys-"));
});
afterEach(() => fs.rmSync(configDir, { recursive: true, force: true }));

const posix = process.platform !== "win32";
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("approver keys", () => {
  it("creates a key pair with a private key only its owner can read", () => {
    const key = createApproverKey("alice", { configDir });
    expect(key.publicKey).toMatch(PUBLIC_KEY_PATTERN);
    const dir = path.join(configDir, "keys");
    expect(fs.readFileSync(path.join(dir, "alice.key"), "utf8")).toMatch(/BEGIN PRIVATE KEY/);
    expect(fs.readFileSync(path.join(dir, "alice.pub"), "utf8").trim()).toBe(key.publicKey);
    if (posix) {
      expect(mode(path.join(dir, "alice.key"))).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    }
  });

  it("loads a key that signs verifiably", () => {
    const created = createApproverKey("alice", { configDir });
    const loaded = loadApproverKey("alice", { configDir });
    expect(loaded).toMatchObject({ name: "alice", publicKey: created.publicKey });
    expect(verifySignature(loaded.publicKey, "hello", loaded.sign("hello"))).toBe(true);
    expect(verifySignature(loaded.publicKey, "hello", created.sign(Buffer.from("hello")))).toBe(
      true,
    );
  });

  it("never replaces an existing key unless forced", () => {
    const first = createApproverKey("alice", { configDir });
    expect(() => createApproverKey("alice", { configDir })).toThrow(/already exists.*--force/);
    expect(loadApproverKey("alice", { configDir }).publicKey).toBe(first.publicKey);
    const second = createApproverKey("alice", { configDir, force: true });
    expect(second.publicKey).not.toBe(first.publicKey);
    expect(loadApproverKey("alice", { configDir }).publicKey).toBe(second.publicKey);
    if (posix) expect(mode(path.join(configDir, "keys", "alice.key"))).toBe(0o600);
  });

  it("refuses names that stand for machines, and malformed names", () => {
    for (const name of ["steward", "engine", "GP", "llm", "AI", "system"]) {
      expect(() => createApproverKey(name, { configDir })).toThrow(/machines can never approve/);
    }
    for (const name of ["", "-alice", ".alice", "a/b", "../x", "al ice", "x".repeat(65)]) {
      expect(approverNameProblem(name)).toMatch(/not a valid key name/);
      expect(() => createApproverKey(name, { configDir })).toThrow(/not a valid key name/);
    }
    for (const name of ["alice", "Bob.Smith", "c_3-d", "7", "x".repeat(64)]) {
      expect(approverNameProblem(name)).toBeNull();
    }
  });

  it("says which file is missing and how to create it", () => {
    expect(() => loadApproverKey("carol", { configDir })).toThrow(
      /carol\.key does not exist; create it with "steward keys create carol"/,
    );
  });

  it.runIf(posix)("refuses a private key that others can read", () => {
    createApproverKey("alice", { configDir });
    const file = path.join(configDir, "keys", "alice.key");
    fs.chmodSync(file, 0o644);
    expect(() => loadApproverKey("alice", { configDir })).toThrow(/chmod 600/);
  });

  it("refuses a key file that is not an ed25519 private key", () => {
    createApproverKey("alice", { configDir });
    fs.writeFileSync(path.join(configDir, "keys", "alice.key"), "garbage", { mode: 0o600 });
    expect(() => loadApproverKey("alice", { configDir })).toThrow(/not an ed25519 private key/);
  });

  it("lists keys by name, with unreadable ones and why", () => {
    expect(listApproverKeys({ configDir })).toEqual([]);
    const bob = createApproverKey("bob", { configDir });
    const alice = createApproverKey("alice", { configDir });
    fs.writeFileSync(path.join(configDir, "keys", "zed.key"), "garbage", { mode: 0o600 });
    const listed = listApproverKeys({ configDir });
    expect(listed.map((k) => [k.name, k.publicKey])).toEqual([
      ["alice", alice.publicKey],
      ["bob", bob.publicKey],
      ["zed", null],
    ]);
    expect(listed[2]?.problem).toMatch(/not an ed25519 private key/);
  });

  it("uses STEWARD_CONFIG_DIR by default", () => {
    const before = process.env.STEWARD_CONFIG_DIR;
    process.env.STEWARD_CONFIG_DIR = configDir;
    try {
      const key = createApproverKey("dana");
      expect(fs.existsSync(path.join(configDir, "keys", "dana.key"))).toBe(true);
      expect(loadApproverKey("dana").publicKey).toBe(key.publicKey);
    } finally {
      if (before === undefined) delete process.env.STEWARD_CONFIG_DIR;
      else process.env.STEWARD_CONFIG_DIR = before;
    }
  });
});
