/**
 * The ledger's checkpoint file on a disk that fills up mid-line (issue 6): a
 * write() that runs out of space writes part of the line. The file must keep
 * whole lines only and never a hole (a checkpoint missing before a later one
 * reads as a dropped checkpoint, i.e. tampering); lagging behind the store is
 * fine. Uses a 1 MB tmpfs in a private mount namespace (see private-tmpfs.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StewardError } from "../../src/errors.ts";
import type { Checkpoint } from "../../src/ledger/checkpoint.ts";
import {
  appendCheckpointLine,
  checkpointFilePath,
  readCheckpointFile,
} from "../../src/ledger/checkpoint-file.ts";
import { mountPrivateTmpfs, nsenterAvailable } from "./private-tmpfs.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const checkpoint = (size: number): Checkpoint => ({
  size,
  root: size.toString(16).padStart(64, "0"),
  time: new Date(Date.UTC(2025, 0, 1, 0, 0, size)).toISOString(),
  publicKey: `ed25519:${"k".repeat(43)}=`,
  signature: "s".repeat(86),
});

const sizes = (dir: string) => {
  const read = readCheckpointFile(dir);
  if (!read.ok) throw new Error(read.message);
  return { sizes: read.checkpoints.map((c) => c.size), torn: read.torn };
};

describe("the ledger checkpoint file on a full disk", () => {
  it("keeps whole lines and no hole when a write runs out of space", async (context) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-checkpoint-full-"));
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    const stateDir = path.join(root, ".steward");
    fs.mkdirSync(stateDir);
    const tmpfs = nsenterAvailable()
      ? await mountPrivateTmpfs(stateDir, 1)
      : { unavailable: "nsenter (util-linux) is not installed" };
    if ("unavailable" in tmpfs) {
      console.log(`checkpoint-file-full: skipped: ${tmpfs.unavailable}`);
      return context.skip(tmpfs.unavailable);
    }
    cleanups.push(() => tmpfs.close());
    // Plain file access reaches the tmpfs through /proc/PID/root.
    const dir = tmpfs.outside(root);
    const file = checkpointFilePath(dir);
    const line = Buffer.byteLength(`${JSON.stringify(checkpoint(1))}\n`);

    // Lines until the next one straddles the end of the file's last page.
    let size = 0;
    do appendCheckpointLine(dir, checkpoint(++size));
    while (4096 - (fs.statSync(file).size % 4096) > line / 2);
    const before = fs.readFileSync(file);
    tmpfs.fill(path.join(stateDir, "fill"));

    let thrown: unknown;
    try {
      appendCheckpointLine(dir, checkpoint(size + 1));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StewardError);
    expect((thrown as StewardError).message).toMatch(
      /cannot write the ledger checkpoint to .*ledger-checkpoints\.jsonl.*free some disk space/,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    // Space is back and the ledger writes on: the next line would leave a hole, so the file lags.
    fs.rmSync(tmpfs.outside(path.join(stateDir, "fill")));
    appendCheckpointLine(dir, checkpoint(size + 2));
    expect(sizes(dir)).toEqual({ sizes: range(size), torn: false });
    // The ledger's catch-up (on its next load) writes the missing ones in order.
    appendCheckpointLine(dir, checkpoint(size + 1));
    appendCheckpointLine(dir, checkpoint(size + 2));
    expect(sizes(dir)).toEqual({ sizes: range(size + 2), torn: false });
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
