/**
 * Atomic file replacement: the content goes to a temp file in the target's own
 * folder, is flushed to disk, then renamed over the target, and the folder entry
 * is flushed too. A crash at any moment leaves the old file or the new one,
 * never a mix or an empty file; at worst a temp file is left behind, which
 * {@link removeStaleTempFiles} clears.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describeError, StewardError } from "../errors.ts";

const TEMP_MARK = ".steward-tmp-";
const TEMP_PATTERN = /^\..+\.steward-tmp-(\d+)-[0-9a-f]{12}$/;

export interface WriteOptions {
  /** File mode of the new file; default: the replaced file's mode, else 0o666 less the umask. */
  mode?: number;
}

export function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(
    dir,
    `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString("hex")}`,
  );
  let fd: number | undefined;
  try {
    const mode = options.mode ?? existingMode(file);
    fd = fs.openSync(temp, "wx", mode ?? 0o666);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    fs.rmSync(temp, { force: true });
    throw new StewardError(
      "io",
      `could not write ${file}: ${describeError(error)}; check that its folder exists, is writable and has free space`,
      { cause: error },
    );
  }
  fsyncFolder(dir);
}

/**
 * Removes temp files that an interrupted {@link writeFileAtomic} left in
 * `folder`: those of processes that are gone (and this one's). Returns their paths.
 */
export function removeStaleTempFiles(folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(TEMP_PATTERN.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || (pid !== process.pid && isAlive(pid))) continue;
    const file = path.join(folder, name);
    fs.rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

function existingMode(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // The write already failed; that error is the one to report.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Makes the rename durable. Some platforms cannot fsync a folder; the rename is still atomic. */
function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // EISDIR / EPERM / EINVAL on Windows and some file systems.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
