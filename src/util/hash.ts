import { createHash } from "node:crypto";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Hash of a program's code with line endings and trailing whitespace normalised,
 * so that programs that differ only there count as the same program.
 */
export function programHash(code: string): string {
  const normalised = code
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trimEnd();
  return sha256Hex(normalised);
}
