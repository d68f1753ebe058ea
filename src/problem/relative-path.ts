/**
 * Paths a charter names (program, evaluator, driver) are relative to the
 * problem folder and must stay inside it: no absolute paths, no `..` that climbs
 * out, on POSIX or Windows spelling.
 */
import path from "node:path";

export const RELATIVE_PATH_EXPECTED =
  "a relative path inside the problem folder (not absolute, no .. out of it)";

export function isRelativeInside(file: string): boolean {
  if (file.trim() === "" || file.includes("\0")) return false;
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file) || /^[A-Za-z]:/.test(file)) {
    return false;
  }
  const normal = path.posix.normalize(file.replaceAll("\\", "/"));
  return normal !== "." && normal !== ".." && !normal.startsWith("../");
}

/** Whether `target` is `folder` or lies below it (both absolute, already resolved). */
export function isWithin(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  if (relative === "") return true;
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
