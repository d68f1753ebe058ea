/** A copy of examples/char-lm to change without touching the example (tests, bench:char-lm). */
import fs from "node:fs";
import path from "node:path";

export const CHAR_LM = path.resolve(import.meta.dirname, "../../examples/char-lm");

/** Copies the example into `dir` (no store), with `settings` merged into data/settings.json. */
export function copyCharLm(dir: string, settings: Record<string, number> = {}): string {
  fs.cpSync(CHAR_LM, dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.steward`),
  });
  const file = path.join(dir, "data", "settings.json");
  const merged = { ...JSON.parse(fs.readFileSync(file, "utf8")), ...settings };
  fs.writeFileSync(file, JSON.stringify(merged));
  return dir;
}
