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

export function checkpointFilePath(problemDir: string): string {
  return path.join(problemDir, ".steward", "ledger-checkpoints.jsonl");
}

export function appendCheckpointLine(problemDir: string, checkpoint: Checkpoint): void {
  const file = checkpointFilePath(problemDir);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    dropTornLine(file);
    const fd = fs.openSync(file, "a", 0o644);
    try {
      fs.writeSync(fd, `${canonicalJson(checkpoint)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
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

/** Cuts a line a crash left unfinished, so the next line starts clean. */
function dropTornLine(file: string): void {
  let text: Buffer;
  try {
    text = fs.readFileSync(file);
  } catch {
    return;
  }
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  fs.truncateSync(file, text.lastIndexOf(0x0a) + 1);
}
