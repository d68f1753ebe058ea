/**
 * The walk over the log's rows: each row is in its place, hashes to its leaf
 * hash, holds its own index, and every prefix hashes to the root its signed
 * checkpoint recorded. The first row that fails is named, with how it failed.
 */
import type { LedgerRow } from "../store/ledger-store.ts";
import type { Checkpoint } from "./checkpoint.ts";
import { sameCheckpoint } from "./checkpoint.ts";
import { type EntryBody, parseEntryBody } from "./entry-body.ts";
import { entryName, failure, type LedgerFailure } from "./ledger-verification.ts";
import { leafHash } from "./merkle.ts";
import { MerkleFrontier } from "./merkle-frontier.ts";

export interface SignedRoots {
  db: Map<number, Checkpoint>;
  file: Map<number, Checkpoint>;
}

/** The root of the whole log, or the first bad entry. */
export function verifyEntries(
  rows: LedgerRow[],
  roots: SignedRoots,
): { ok: true; root: string } | LedgerFailure {
  const bodies = rows.map((row) => parseEntryBody(row.body));
  const frontier = new MerkleFrontier();
  for (const [i, row] of rows.entries()) {
    if (row.seq !== i + 1) {
      return failure(
        "deleted",
        `${entryName(i + 1)} is missing: the log goes from seq ${i} to seq ${row.seq}`,
        i + 1,
      );
    }
    const leaf = leafHash(row.body);
    if (leaf.toString("hex") !== row.leafHash) {
      return failure(
        "edited",
        `${entryName(row.seq)} was edited: its body no longer hashes to its leaf hash`,
        row.seq,
      );
    }
    const misplaced = checkBody(bodies, i, row);
    if (misplaced) return misplaced;
    frontier.append(leaf);
    const wrongRoot = checkRoot(roots, i + 1, frontier.root().toString("hex"), bodies[i + 1]);
    if (wrongRoot) return wrongRoot;
  }
  return { ok: true, root: frontier.root().toString("hex") };
}

function checkBody(bodies: (EntryBody | undefined)[], i: number, row: LedgerRow) {
  const body = bodies[i];
  if (!body || body.kind !== row.kind) {
    return failure(
      "edited",
      `${entryName(row.seq)} was edited: its body is not the entry that was appended`,
      row.seq,
    );
  }
  if (body.index < i) {
    return failure(
      "inserted",
      `${entryName(row.seq)} was inserted: it claims to be entry ${body.index}, which came before`,
      row.seq,
    );
  }
  if (body.index > i) {
    const moved = bodies.slice(i + 1).some((later) => later?.index === i);
    return moved
      ? failure(
          "reordered",
          `${entryName(row.seq)} was moved: entry ${body.index} is in its place`,
          row.seq,
        )
      : failure(
          "deleted",
          `${entryName(row.seq)} is missing: the row at seq ${row.seq} holds entry ${body.index}`,
          row.seq,
        );
  }
  return undefined;
}

function checkRoot(roots: SignedRoots, size: number, root: string, next: EntryBody | undefined) {
  const fromDb = roots.db.get(size);
  const fromFile = roots.file.get(size);
  if (fromDb && fromFile && !sameCheckpoint(fromDb, fromFile)) {
    return failure(
      "checkpoint-mismatch",
      `the checkpoint of size ${size} in the database differs from the one in the checkpoint file`,
    );
  }
  const signed = fromFile ?? fromDb;
  if (!signed || signed.root === root) return undefined;
  // The next row claiming this same index means this one was slipped in before it.
  return next?.index === size - 1
    ? failure(
        "inserted",
        `${entryName(size)} was inserted: the log's first ${size} entries do not match the root signed for them, and the next entry claims its place`,
        size,
      )
    : failure(
        "edited",
        `${entryName(size)} was edited: the log's first ${size} entries no longer hash to the root signed for them`,
        size,
      );
}
