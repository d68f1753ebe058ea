/**
 * The Mutator contract suite (see `mutate/mutator.ts`): any implementation runs
 * it with a spec file of two lines,
 *
 *   import { describeMutatorContract } from ".../mutator-contract.test-kit.ts";
 *   describeMutatorContract("nudge", () => nudgeMutator(), { programs: [TS_PROGRAM] });
 *
 * For each program given, over several seeded requests, it checks what every
 * mutator promises: a success is a whole program that parses in the problem's
 * language and is byte-identical outside the EVOLVE-BLOCKs; the same seed gives
 * the same answer; a refusal has a reason from the contract and a message; an
 * aborted request ends promptly without a program; a language the mutator
 * cannot work on is answered "unsupported" (never thrown), naming the language.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import type TypeScript from "typescript";
import { describe, expect, it } from "vitest";
import { changedOutsideBlocks } from "../../problem/markers.ts";
import { createRng } from "../../util/rng.ts";
import type { MutationRequest, MutationResult, Mutator, ProblemView } from "../mutator.ts";

export interface ContractProgram {
  language: ProblemView["language"];
  /** A seed with EVOLVE-BLOCKs that the mutator can work on. */
  code: string;
  /** Test name suffix, e.g. "bin packing". */
  name?: string;
}

export interface MutatorContractOptions {
  /** Programs the mutator supports: at least one. */
  programs: readonly ContractProgram[];
  /** A language it does not support, to check "unsupported" (omit if it takes every language). */
  unsupported?: ProblemView["language"];
  /** Requests per program (default 12). */
  requests?: number;
  /** Per-test limit (default 120 s): generous, a loaded machine is slow. */
  timeoutMs?: number;
}

const REASONS = ["no-change", "unsupported", "refused", "error"];
const PYTHON = "/usr/bin/python3";

export function describeMutatorContract(
  name: string,
  create: () => Mutator | Promise<Mutator>,
  options: MutatorContractOptions,
): void {
  const count = options.requests ?? 12;
  const timeout = options.timeoutMs ?? 120_000;

  describe(`Mutator contract: ${name}`, () => {
    for (const program of options.programs) {
      const label = `${program.language}${program.name ? ` (${program.name})` : ""}`;

      it(`answers ${label} requests with whole programs that parse and keep the frame`, {
        timeout,
      }, async () => {
        const mutator = await create();
        expect(mutator.name).toMatch(/\S/);
        let programs = 0;
        for (let i = 0; i < count; i++) {
          const result = await mutator.mutate(request(program, i));
          checkShape(result);
          if (!result.ok) continue;
          programs++;
          expect(result.operator).toMatch(/\S/);
          expect(changedOutsideBlocks(program.code, result.code)).toEqual({ ok: true });
          expect(parseError(program.language, result.code), result.code).toBeNull();
        }
        // A mutator that always refuses a program it claims to support is broken.
        expect(programs).toBeGreaterThan(0);
      });

      it(`gives the same answer for the same seed (${label})`, { timeout }, async () => {
        const first = await (await create()).mutate(request(program, 5));
        const second = await (await create()).mutate(request(program, 5));
        expect(second).toEqual(first);
      });

      it(`ends an aborted request without a program (${label})`, { timeout }, async () => {
        const mutator = await create();
        const stop = new AbortController();
        stop.abort();
        const result = await mutator.mutate({ ...request(program, 1), signal: stop.signal });
        checkShape(result);
        expect(result.ok).toBe(false);
      });
    }

    const unsupported = options.unsupported;
    if (unsupported) {
      it(`answers "unsupported" for ${unsupported}, naming it`, { timeout }, async () => {
        const base = options.programs[0] as ContractProgram;
        const result = await (await create()).mutate(
          request({ ...base, language: unsupported }, 0),
        );
        expect(result).toMatchObject({ ok: false, reason: "unsupported" });
        expect(!result.ok && result.message).toContain(unsupported);
      });
    }
  });
}

function request(program: ContractProgram, seed: number): MutationRequest {
  return {
    parent: { id: 1, code: program.code, metrics: { score: 1 } },
    inspirations: [],
    problem: {
      description: "contract suite",
      objective: { metric: "score", direction: "maximize" },
      language: program.language,
    },
    feedback: [],
    rng: createRng(1000 + seed),
  };
}

function checkShape(result: MutationResult): void {
  if (result.ok) {
    expect(typeof result.code).toBe("string");
    return;
  }
  expect(REASONS).toContain(result.reason);
  expect(result.message).toMatch(/\S/);
}

/** The first syntax error of `code`, or null when it parses. */
function parseError(language: ProblemView["language"], code: string): string | null {
  if (language === "python") {
    const check = spawnSync(PYTHON, ["-I", "-c", "import ast,sys; ast.parse(sys.stdin.read())"], {
      input: code,
      encoding: "utf8",
    });
    return check.status === 0 ? null : check.stderr.trim().split("\n").at(-1) || "does not parse";
  }
  if (language === "typescript" || language === "javascript") {
    const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;
    const out = ts.transpileModule(code, {
      reportDiagnostics: true,
      fileName: language === "typescript" ? "program.ts" : "program.js",
    });
    const first = out.diagnostics?.[0];
    return first ? ts.flattenDiagnosticMessageText(first.messageText, "\n") : null;
  }
  return null;
}
