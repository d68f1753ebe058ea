/**
 * Static checks and compilation before a candidate runs: code outside the
 * EVOLVE-BLOCKs must be untouched (else `policy`), the program must parse (else
 * `invalid`), it must be of sane size, and the charter's policy scan must not
 * block it (else `policy`). What passes becomes a read-only code folder for the
 * sandbox, with the scan's warnings ("flag" mode) for the outcome.
 */
import fs from "node:fs";
import path from "node:path";
import { applyPolicy } from "../policy/apply-policy.ts";
import type { Problem } from "../problem/load-problem.ts";
import { changedOutsideBlocks } from "../problem/markers.ts";
import { createCodeDir } from "../sandbox/code-dir.ts";
import { transpileTs } from "../util/transpile.ts";
import type { EvaluationJob } from "./job.ts";
import type { EvalMode, OutcomeError } from "./outcome.ts";

const MAX_PROGRAM_BYTES = 1 << 20;

export type Prepared =
  | {
      ok: true;
      codeDir: string;
      candidate: EvaluationJob["candidate"];
      /** Non-fatal findings (policy scan in "flag" mode, scan skipped) for the outcome. */
      warnings: string[];
      remove(): void;
    }
  | { ok: false; outcome: "policy" | "invalid"; error: OutcomeError };

export function prepareCandidate(problem: Problem, code: string, mode: EvalMode): Prepared {
  if (Buffer.byteLength(code) > MAX_PROGRAM_BYTES) {
    return reject(
      "policy",
      `the program is ${Buffer.byteLength(code)} bytes; the limit is ${MAX_PROGRAM_BYTES}`,
    );
  }
  const markers = changedOutsideBlocks(problem.seedCode, code);
  if (!markers.ok)
    return reject(
      "policy",
      `changed outside the EVOLVE-BLOCKs (line ${markers.line}): ${markers.reason}`,
    );

  const { language, run, policyScan } = problem.charter;
  const programFile = path.basename(problem.programPath);
  if (language === "typescript" || language === "javascript") {
    const compiled = transpileTs(code, programFile);
    if (compiled.errors.length > 0) {
      return reject(
        "invalid",
        `the program does not compile: ${compiled.errors.slice(0, 5).join("; ")}`,
      );
    }
    const policy = applyPolicy(policyScan, language, code, programFile);
    if (policy.rejection !== null) return reject("policy", policy.rejection);
    const files: Record<string, string> = { "candidate.mjs": compiled.code };
    if (mode === "search" && problem.driverPath) {
      const driver = transpileDriver(problem.driverPath);
      if (driver.errors.length > 0)
        throw new Error(`${problem.driverPath} does not compile: ${driver.errors[0]}`);
      files["driver.mjs"] = driver.code;
    }
    const dir = createCodeDir({ files });
    return {
      ok: true,
      codeDir: dir.dir,
      candidate: { kind: "js" },
      warnings: policy.warnings,
      remove: dir.remove,
    };
  }
  const { warnings } = applyPolicy(policyScan, language, code, programFile);
  const dir = createCodeDir({ files: { [programFile]: code } });
  return {
    ok: true,
    codeDir: dir.dir,
    candidate: { kind: "command", programFile, command: run ?? [] },
    warnings,
    remove: dir.remove,
  };
}

function reject(outcome: "policy" | "invalid", message: string): Prepared {
  return { ok: false, outcome, error: { source: "candidate", message } };
}

/** The driver's compiled code, by its text: the same for every candidate of a run. */
const driverCache = new Map<string, ReturnType<typeof transpileTs>>();

function transpileDriver(driverPath: string): ReturnType<typeof transpileTs> {
  const source = fs.readFileSync(driverPath, "utf8");
  const key = `${driverPath}\0${source}`;
  let compiled = driverCache.get(key);
  if (!compiled) {
    compiled = transpileTs(source, path.basename(driverPath));
    if (driverCache.size > 16) driverCache.clear();
    driverCache.set(key, compiled);
  }
  return compiled;
}
