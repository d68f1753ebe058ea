import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileHashes } from "./file-hashes.ts";

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-hashes-"));
  file = path.join(dir, "verify.ts");
  fs.writeFileSync(file, "export const limit = 1;\n");
  // Whole seconds, so the times can be put back exactly after an edit.
  fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Waits until the wall clock is past the file's ctime, so a margin of 0 trusts the cache. */
async function pastCtime(): Promise<void> {
  const { ctimeNs } = fs.statSync(file, { bigint: true });
  while (BigInt(Date.now()) * 1_000_000n <= ctimeNs + 1_000_000n) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("file hashes", () => {
  it("reads an unchanged file once, then trusts its metadata", async () => {
    const hashes = new FileHashes({ racyMarginNs: 0n });
    await pastCtime();
    const first = hashes.hash(file);
    expect(hashes.hash(file)).toBe(first);
    expect(hashes.reads).toBe(1);
  });

  it("sees a same-size edit whose modification time was put back (the ctime moved)", async () => {
    const hashes = new FileHashes({ racyMarginNs: 0n });
    await pastCtime();
    const before = hashes.hash(file);
    expect(hashes.hash(file)).toBe(before);
    const stat = fs.statSync(file, { bigint: true });
    fs.writeFileSync(file, "export const limit = 9;\n");
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    const after = fs.statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([stat.size, stat.mtimeNs, stat.ino]);
    expect(hashes.hash(file)).not.toBe(before);
  });

  it("re-reads a file changed too recently to trust its timestamps", () => {
    const hashes = new FileHashes({ racyMarginNs: 3_600_000_000_000n });
    hashes.hash(file);
    hashes.hash(file);
    expect(hashes.reads).toBe(2);
  });

  it("sees a file replaced by a rename, and a file that is gone", async () => {
    const hashes = new FileHashes({ racyMarginNs: 0n });
    await pastCtime();
    const before = hashes.hash(file);
    const other = path.join(dir, "other.ts");
    fs.writeFileSync(other, "export const limit = 2;\n");
    fs.utimesSync(other, 1_700_000_000, 1_700_000_000);
    fs.renameSync(other, file);
    expect(hashes.hash(file)).not.toBe(before);
    fs.rmSync(file);
    expect(hashes.hash(file)).toBeNull();
  });
});
