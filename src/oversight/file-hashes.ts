/**
 * SHA-256 of files' contents, re-read only when their metadata says they may
 * have changed. Re-hashing every pinned file before every evaluation would cost
 * more than the evaluation for big data folders.
 *
 * The metadata must not be foolable: size and mtime alone are not enough, since
 * anyone can write the same number of bytes and put the mtime back
 * (`touch -d`, utimes). The inode's change time (ctime) cannot be set from user
 * space: every write, rename, chmod or utimes moves it to "now". So a cached
 * hash is reused only when size, mtime, ctime, inode and device all match, and
 * only when the ctime lies clearly before the moment the file was hashed: a
 * file changed in the same clock tick as the read (timestamps are only as fine
 * as the kernel's clock tick, and 1-2 s on some filesystems) is re-read until
 * it is older than that (git's "racily clean" rule).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";

/** How much older than the last hash a file's ctime must be for the cached hash to stand. */
export const RACY_MARGIN_NS = 2_000_000_000n;

interface Seen {
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
  dev: bigint;
  /** Wall-clock time (ns) just before the file was read. */
  hashedAtNs: bigint;
  hash: string;
}

export class FileHashes {
  readonly #seen = new Map<string, Seen>();
  readonly #marginNs: bigint;
  /** Files read (not served from the cache) since this object was made, for the bench. */
  reads = 0;

  constructor(options: { racyMarginNs?: bigint } = {}) {
    this.#marginNs = options.racyMarginNs ?? RACY_MARGIN_NS;
  }

  /** The SHA-256 (hex) of the file's content, following links; null if it is not a readable file. */
  hash(file: string): string | null {
    const stat = statOf(file);
    if (!stat?.isFile()) {
      this.#seen.delete(file);
      return null;
    }
    const seen = this.#seen.get(file);
    if (
      seen &&
      seen.size === stat.size &&
      seen.mtimeNs === stat.mtimeNs &&
      seen.ctimeNs === stat.ctimeNs &&
      seen.ino === stat.ino &&
      seen.dev === stat.dev &&
      stat.ctimeNs + this.#marginNs < seen.hashedAtNs
    ) {
      return seen.hash;
    }
    const hashedAtNs = BigInt(Date.now()) * 1_000_000n;
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      this.#seen.delete(file);
      return null;
    }
    this.reads++;
    const hash = createHash("sha256").update(content).digest("hex");
    this.#seen.set(file, {
      size: stat.size,
      mtimeNs: stat.mtimeNs,
      ctimeNs: stat.ctimeNs,
      ino: stat.ino,
      dev: stat.dev,
      hashedAtNs,
      hash,
    });
    return hash;
  }
}

function statOf(file: string): fs.BigIntStats | null {
  try {
    return fs.statSync(file, { bigint: true });
  } catch {
    return null;
  }
}
