/**
 * Loads a problem folder: its charter, the seed program (whose EVOLVE-BLOCK
 * markers must be well formed), and the absolute paths of the evaluator, the
 * driver, the mutator modules and the data folder. Whatever is wrong with the charter's references
 * is reported at once, like the charter's own problems.
 */
import fs from "node:fs";
import path from "node:path";
import { StewardError } from "../errors.ts";
import type { Charter } from "./charter.ts";
import { CharterError, type CharterProblem } from "./charter-errors.ts";
import { MarkersError } from "./marker-layout.ts";
import { parseBlocks } from "./markers.ts";
import { findCharterFile, readCharter } from "./read-charter.ts";
import { isWithin } from "./relative-path.ts";

export interface Problem {
  /** The problem folder, absolute. */
  dir: string;
  /** The charter file, absolute. */
  charterPath: string;
  charter: Charter;
  /** The seed program, absolute, and its text as it was when loaded. */
  programPath: string;
  seedCode: string;
  evaluatorPath: string;
  driverPath: string | null;
  /** The charter's `mutators: - module:` files, absolute, in the charter's order. */
  mutatorModulePaths: string[];
  /** `<dir>/data`, which may not exist. */
  dataDir: string;
}

export function loadProblem(dir: string): Problem {
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new StewardError(
      "problem-not-found",
      `no problem folder at ${absolute}: create one with "steward init ${dir}"`,
    );
  }
  const charterPath = findCharterFile(absolute);
  if (charterPath === null) {
    throw new StewardError(
      "problem-not-found",
      `${absolute} has no steward.yaml: create a problem folder with "steward init DIR", or write a steward.yaml there`,
    );
  }
  const charter = readCharter(charterPath);
  const file = path.basename(charterPath);
  const problems: CharterProblem[] = [];
  const resolve = (key: string, relative: string) => {
    const problem = checkFile(absolute, relative);
    if (problem)
      problems.push({ file, key, found: problem, expected: "a file in the problem folder" });
    return path.join(absolute, relative);
  };
  const programPath = resolve("program", charter.program);
  const evaluatorPath = resolve("evaluator", charter.evaluator);
  const driverPath = charter.driver === null ? null : resolve("driver", charter.driver);
  const mutatorModulePaths = charter.mutatorModules.map((m) =>
    resolve("mutators: module", m.module),
  );
  if (problems.length > 0) throw new CharterError(problems);

  const seedCode = fs.readFileSync(programPath, "utf8");
  try {
    parseBlocks(seedCode);
  } catch (error) {
    if (!(error instanceof MarkersError)) throw error;
    throw new StewardError("markers-invalid", `${charter.program}: ${error.message}`, {
      cause: error,
    });
  }
  return {
    dir: absolute,
    charterPath,
    charter,
    programPath,
    seedCode,
    evaluatorPath,
    driverPath,
    mutatorModulePaths,
    dataDir: path.join(absolute, "data"),
  };
}

/** Why `relative` is not a usable file of the folder, or null when it is. */
function checkFile(dir: string, relative: string): string | null {
  const found = JSON.stringify(relative);
  const full = path.join(dir, relative);
  if (!fs.existsSync(full)) return `${found} (no such file)`;
  if (!fs.statSync(full).isFile()) return `${found} (not a file)`;
  if (!isWithin(fs.realpathSync(dir), fs.realpathSync(full))) {
    return `${found} (a link to outside the problem folder)`;
  }
  return null;
}
