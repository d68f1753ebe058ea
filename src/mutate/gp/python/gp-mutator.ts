/**
 * gp for Python programs: one to three operators (see operators.ts) on the
 * EVOLVE-BLOCK interiors, picked by the shared adaptive rates, then Python's
 * own parser checks the assembled program; a failed attempt retries with
 * other picks, up to a bound. Only block interiors change.
 */
import { changedOutsideBlocks, parseBlocks, replaceBlocks } from "../../../problem/markers.ts";
import type { MutationRequest, MutationResult, Mutator } from "../../mutator.ts";
import { OperatorRates } from "../rates.ts";
import { PY_BASE_WEIGHTS, PY_OPERATORS, type PyOperatorContext } from "./operators.ts";
import { createPythonSyntaxCheck, type SyntaxCheck } from "./syntax-check.ts";
import { tokenize } from "./tokens.ts";

export interface PythonGpOptions {
  maxAttempts?: number;
  maxOperators?: number;
  chainProbability?: number;
  /** A block may not grow past this many characters (or its parent's size, if larger). */
  maxBlockChars?: number;
  /** Python's parser as the last check; `false` relies on the operators alone (tests prove they suffice). */
  syntaxCheck?: SyntaxCheck | false;
}

export function createPythonGpMutator(options: PythonGpOptions = {}): Mutator {
  const rates = new OperatorRates(PY_BASE_WEIGHTS);
  const check =
    options.syntaxCheck === false ? null : (options.syntaxCheck ?? createPythonSyntaxCheck());
  const limits = {
    maxAttempts: options.maxAttempts ?? 20,
    maxOperators: options.maxOperators ?? 3,
    chainProbability: options.chainProbability ?? 0.35,
    maxBlockChars: options.maxBlockChars ?? 6000,
  };
  return {
    name: "gp",
    reward: (operator, improved) => rates.reward(operator, improved),
    saveState: () => rates.save(),
    restoreState: (state) => rates.restore(state),
    async mutate(request: MutationRequest): Promise<MutationResult> {
      let parent: string[];
      try {
        parent = parseBlocks(request.parent.code).map((b) => b.text);
      } catch (error) {
        return {
          ok: false,
          reason: "error",
          message: `gp cannot read the parent: ${String(error)}`,
        };
      }
      const donors = () =>
        request.inspirations.flatMap((p) => {
          try {
            return [parseBlocks(p.code).map((b) => b.text)];
          } catch {
            return [];
          }
        });
      for (let attempt = 0; attempt < limits.maxAttempts; attempt++) {
        if (request.signal?.aborted) return { ok: false, reason: "error", message: "aborted" };
        const made = attemptOnce(request, parent, donors, rates, limits);
        if (!made) continue;
        if (check && (await check(made.code)) === false) continue;
        return { ok: true, ...made };
      }
      return {
        ok: false,
        reason: "no-change",
        message: `gp found no valid change to the Python blocks in ${limits.maxAttempts} attempts`,
      };
    },
  };
}

function attemptOnce(
  request: MutationRequest,
  parent: readonly string[],
  donors: () => string[][],
  rates: OperatorRates,
  limits: { maxOperators: number; chainProbability: number; maxBlockChars: number },
): { code: string; operator: string; rationale: string } | null {
  const { rng } = request;
  let count = 1;
  while (count < limits.maxOperators && rng.chance(limits.chainProbability)) count++;
  const interiors = [...parent];
  const names: string[] = [];
  const notes: string[] = [];
  for (let step = 0; step < count; step++) {
    const ctx: PyOperatorContext = {
      blocks: interiors.map(tokenize),
      rng,
      donors,
      program: replaceBlocks(request.parent.code, interiors),
    };
    let candidates = PY_OPERATORS.filter(
      (o) => o.name !== "crossover" || request.inspirations.length > 0,
    ).map((o) => o.name);
    let change = null;
    while (!change && candidates.length > 0) {
      const name = rates.pick(rng, candidates);
      const operator = PY_OPERATORS.find((o) => o.name === name);
      if (!operator) break;
      change = operator.apply(ctx);
      if (change) names.push(operator.name);
      candidates = candidates.filter((n) => n !== name);
    }
    if (!change) break;
    interiors[change.block] = change.text;
    notes.push(change.note);
  }
  if (names.length === 0) return null;
  const tooBig = interiors.some(
    (t, i) => t.length > Math.max(limits.maxBlockChars, parent[i]?.length ?? 0),
  );
  if (tooBig) return null;
  const code = replaceBlocks(request.parent.code, interiors);
  if (code === request.parent.code || !changedOutsideBlocks(request.parent.code, code).ok)
    return null;
  return { code, operator: names.join("+"), rationale: `gp ${notes.join("; ")}` };
}
