/**
 * PROBLEM/.steward/ledger-checkpoints.jsonl: every signed checkpoint, one JSON
 * line each, appended and fsync'ed once the store transaction that made it has
 * committed. It is the witness outside the database: truncating or rewriting the
 * log in SQLite leaves this file ahead. A crash can leave it behind the store
 * (the commit happened, the line did not) or end it with a torn line; the
 * ledger repairs both on its next write, and verification reports them as
 * warnings, never as tampering.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { StewardError } from "../errors.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import type { Checkpoint } from "./checkpoint.ts";

export const checkpointSchema = z.strictObject({
  size: z.number().int().positive(),
  root: z.string().regex(/^[0-9a-f]{64}$/),
  time: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});

export type CheckpointFileRead =
  | { ok: true; checkpoints: Checkpoint[]; exists: boolean; torn: boolean }
  | { ok: false; line: number; message: string };

/** A checkpoint line is about 300 bytes; this holds the last one whole. */
const TAIL_BYTES = 4096;

export function checkpointFilePath(problemDir: string): string {
  return path.join(problemDir, ".steward", "ledger-checkpoints.jsonl");
}

/**
 * Appends one checkpoint line, whole or not at all. A line that would leave a
 * hole (the file lacks the checkpoint before it, because writing that one
 * failed) is not written: the file then lags, which the ledger's next load
 * catches up, where a hole would read as a dropped checkpoint.
 */
/**
 * Appends one checkpoint line. Returns false, writing nothing, when the file is
 * behind (its last line is not the checkpoint before this one): the caller
 * catches it up from the store instead.
 */
export function appendCheckpointLine(problemDir: string, checkpoint: Checkpoint): boolean {
  const file = checkpointFilePath(problemDir);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const last = dropTornLine(file);
    if (last !== undefined && checkpoint.size > last + 1) return false;
    appendWhole(file, Buffer.from(`${canonicalJson(checkpoint)}\n`));
    return true;
  } catch (error) {
    throw new StewardError(
      "io",
      `cannot write the ledger checkpoint to ${file}: ${(error as Error).message}; free some disk space or fix the folder's permissions`,
      { cause: error },
    );
  }
}

/** Every checkpoint in the file, in file order; a missing file holds none. */
export function readCheckpointFile(problemDir: string): CheckpointFileRead {
  const file = checkpointFilePath(problemDir);
  if (!fs.existsSync(file)) return { ok: true, checkpoints: [], exists: false, torn: false };
  const lines = fs.readFileSync(file, "utf8").split("\n");
  // The text after the last newline is a line a crash cut short (or nothing).
  const torn = lines.pop() !== "";
  const checkpoints: Checkpoint[] = [];
  for (const [i, line] of lines.entries()) {
    let parsed: ReturnType<typeof checkpointSchema.safeParse>;
    try {
      parsed = checkpointSchema.safeParse(JSON.parse(line));
    } catch {
      return { ok: false, line: i + 1, message: `line ${i + 1} of ${file} is not JSON` };
    }
    if (!parsed.success) {
      return { ok: false, line: i + 1, message: `line ${i + 1} of ${file} is not a checkpoint` };
    }
    checkpoints.push(parsed.data);
  }
  return { ok: true, checkpoints, exists: true, torn };
}

/**
 * Cuts a line a crash left unfinished, so the next line starts clean. Returns the
 * size of the file's last checkpoint (0 for an empty file), undefined when the
 * file is missing or its last line is not a checkpoint.
 */
function dropTornLine(file: string): number | undefined {
  let text: Buffer;
  let start: number;
  try {
    ({ text, start } = readTail(file));
  } catch {
    return undefined;
  }
  let end = text.length;
  if (end > 0 && text[end - 1] !== 0x0a) {
    end = text.lastIndexOf(0x0a) + 1;
    if (end === 0 && start > 0) return undefined; // a "line" longer than the tail: not ours
    fs.truncateSync(file, start + end);
  }
  if (end === 0) return start === 0 ? 0 : undefined;
  const from = text.lastIndexOf(0x0a, end - 2) + 1;
  if (from === 0 && start > 0) return undefined;
  const line = text.subarray(from, end - 1).toString("utf8");
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data.size : undefined;
  } catch {
    return undefined;
  }
}

/** The last bytes of the file (enough for two checkpoint lines): appends stay O(1). */
function readTail(file: string): { text: Buffer; start: number } {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const text = Buffer.alloc(size - start);
    fs.readSync(fd, text, 0, text.length, start);
    return { text, start };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Appends all of `bytes` and syncs them, or puts the file back as it was and
 * throws: a disk that fills mid-line makes write() write part of it, and a torn
 * line would be cut by the next append, dropping that checkpoint from the file.
 */
function appendWhole(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, "a", 0o644);
  try {
    const size = fs.fstatSync(fd).size;
    try {
      for (let done = 0; done < bytes.length; ) {
        const written = fs.writeSync(fd, bytes, done);
        if (written <= 0) throw new Error("ENOSPC: no space left on device, write");
        done += written;
      }
      fs.fsyncSync(fd);
    } catch (error) {
      try {
        fs.ftruncateSync(fd, size);
      } catch {
        // The write's error says more.
      }
      throw error;
    }
  } finally {
    fs.closeSync(fd);
  }
}
