import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openProblemStore } from "../store/problem-store.ts";
import { checkpointSignatureValid } from "./checkpoint.ts";
import { checkpointFilePath, readCheckpointFile } from "./checkpoint-file.ts";
import { tempRoot, verifyProblem, withLedger } from "./ledger.test-kit.ts";
import { Ledger } from "./ledger.ts";
import { ledgerKeyFile } from "./ledger-key.ts";
import { leafHash, merkleRoot } from "./merkle.ts";

const root = tempRoot();
beforeAll(() => vi.stubEnv("STEWARD_CONFIG_DIR", path.join(root, "config")));
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});
const newProblem = () => fs.mkdtempSync(path.join(root, "problem-"));

describe("Ledger", () => {
  it("appends canonical bodies with their index and a signed checkpoint each", () => {
    const dir = newProblem();
    const now = () => new Date("2030-01-02T03:04:05.000Z");
    const store = openProblemStore(dir);
    const ledger = new Ledger(store, dir, { now });
    const first = ledger.append("run-start", { run: 1, seed: 7 });
    const second = ledger.append("stop", { mode: "graceful" });
    expect(first).toMatchObject({ seq: 1, index: 0, kind: "run-start", time: now().toISOString() });
    expect(store.ledger.get(2)?.body).toBe(
      '{"data":{"mode":"graceful"},"index":1,"kind":"stop","time":"2030-01-02T03:04:05.000Z"}',
    );
    expect(ledger.entries().map((e) => e.data)).toEqual([
      { run: 1, seed: 7 },
      { mode: "graceful" },
    ]);
    const leaves = [first, second].map((e) => Buffer.from(e.leafHash, "hex"));
    expect(ledger.root()).toBe(merkleRoot(leaves).toString("hex"));
    expect(leafHash(store.ledger.get(1)?.body ?? "").toString("hex")).toBe(first.leafHash);

    const checkpoints = store.ledger.checkpoints();
    expect(checkpoints.map((c) => c.size)).toEqual([1, 2]);
    expect(checkpoints.every(checkpointSignatureValid)).toBe(true);
    const file = readCheckpointFile(dir);
    expect(file.ok && file.checkpoints).toEqual(checkpoints);
    store.close();
  });

  it("keeps its key in the config folder (0600 in 0700), never in the problem folder", () => {
    const dir = newProblem();
    withLedger(dir, (ledger) => ledger.append("run-start", {}));
    const file = ledgerKeyFile(dir);
    expect(file.startsWith(path.join(root, "config", "ledger-keys"))).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const inProblem = fs.readdirSync(path.join(dir, ".steward"));
    expect(inProblem.some((name) => name.endsWith(".pem"))).toBe(false);
    expect(fs.readFileSync(path.join(dir, ".steward", "steward.db")).includes("PRIVATE KEY")).toBe(
      false,
    );
  });

  it("joins an outer transaction, and a second Ledger on the store carries on the log", () => {
    const dir = newProblem();
    const store = openProblemStore(dir);
    const a = new Ledger(store, dir);
    store.transaction(() => {
      a.append("proposal", { id: 1 });
      a.append("gate-result", { id: 1, passed: true });
    });
    const b = new Ledger(store, dir);
    b.append("approval", { id: 1 });
    a.append("deploy", { id: 1 });
    expect(a.entries().map((e) => `${e.index}:${e.kind}`)).toEqual([
      "0:proposal",
      "1:gate-result",
      "2:approval",
      "3:deploy",
    ]);
    store.close();
    expect(verifyProblem(dir)).toMatchObject({ ok: true, size: 4, checkpoints: 4 });
  });

  it("refuses data that has no canonical JSON, and writes nothing", () => {
    const dir = newProblem();
    withLedger(dir, (ledger) => {
      expect(() => ledger.append("stop", { when: new Date() })).toThrow(/canonical JSON/);
      expect(ledger.size()).toBe(0);
    });
    expect(fs.existsSync(checkpointFilePath(dir))).toBe(false);
  });

  it("proves an entry that does not exist with a clear error", () => {
    const dir = newProblem();
    withLedger(dir, (ledger) => {
      ledger.append("run-start", {});
      expect(() => ledger.prove(1)).toThrow(/no entry 1: entries are 0 to 0/);
    });
  });

  it("appends thousands of entries with an incremental root (timing printed)", () => {
    const count = 2_000;
    const dir = newProblem();
    const store = openProblemStore(dir);
    const ledger = new Ledger(store, dir);
    const started = performance.now();
    for (let i = 0; i < count; i++)
      ledger.append("gate-result", { candidate: i, passed: i % 3 === 0 });
    const ms = performance.now() - started;
    console.log(
      `ledger: ${count} appends in ${(ms / 1000).toFixed(2)} s (${((ms * 1000) / count).toFixed(0)} µs each, fsync included)`,
    );
    const last = performance.now();
    ledger.append("run-end", {});
    console.log(`ledger: append #${count + 1} took ${(performance.now() - last).toFixed(2)} ms`);
    store.close();
    const verifyStart = performance.now();
    expect(verifyProblem(dir)).toMatchObject({ ok: true, size: count + 1 });
    console.log(
      `ledger: verify of ${count + 1} entries took ${((performance.now() - verifyStart) / 1000).toFixed(2)} s`,
    );
  }, 120_000);
});
