/**
 * gp for Python programs: one to three operators (see operators.ts) on the
 * parent's syntax tree (tree-sitter-python), each a splice inside an
 * EVOLVE-BLOCK interior, re-parsed after every step; picked by the shared
 * adaptive rates. A result must parse with no error node, change only block
 * interiors and, when a Python interpreter is there, pass Python's own
 * `ast.parse` (stricter than the grammar in a few corners). A failed attempt
 * retries with other picks, up to a bound.
 */
import { changedOutsideBlocks } from "../../../problem/markers.ts";
import type { MutationRequest, MutationResult, Mutator } from "../../mutator.ts";
import { OperatorRates } from "../rates.ts";
import { applyChange, type PyOperatorContext } from "./operator.ts";
import { PY_BASE_WEIGHTS, PY_OPERATORS } from "./operators.ts";
import { createPythonSyntaxCheck, type SyntaxCheck } from "./syntax-check.ts";
import { type PythonSource, readSource } from "./syntax-tree.ts";

export interface PythonGpOptions {
  maxAttempts?: number;
  maxOperators?: number;
  chainProbability?: number;
  /** A block may not grow past this many characters (or its parent's size, if larger). */
  maxBlockChars?: number;
  /** Python's `ast.parse` as the last check; `false` relies on tree-sitter alone (tests prove it suffices). */
  syntaxCheck?: SyntaxCheck | false;
}

interface Limits {
  maxOperators: number;
  chainProbability: number;
  maxBlockChars: number;
}

export function createPythonGpMutator(options: PythonGpOptions = {}): Mutator {
  const rates = new OperatorRates(PY_BASE_WEIGHTS);
  const check =
    options.syntaxCheck === false ? null : (options.syntaxCheck ?? createPythonSyntaxCheck());
  const maxAttempts = options.maxAttempts ?? 20;
  const limits: Limits = {
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
      const parent = readSource(request.parent.code);
      if (!parent) {
        return {
          ok: false,
          reason: "error",
          message:
            "gp cannot read the parent as Python (its markers or its syntax): fix the seed so `python3 -m py_compile` accepts it",
        };
      }
      let donors: PythonSource[] | null = null;
      const readDonors = () => {
        donors ??= request.inspirations.flatMap((p) => readSource(p.code) ?? []);
        return donors;
      };
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        if (request.signal?.aborted) return { ok: false, reason: "error", message: "aborted" };
        const made = attemptOnce(request, parent, readDonors, rates, limits);
        if (!made) continue;
        if (check && (await check(made.code)) === false) continue;
        return { ok: true, ...made };
      }
      return {
        ok: false,
        reason: "no-change",
        message: `gp found no valid change to the Python blocks in ${maxAttempts} attempts`,
      };
    },
  };
}

function attemptOnce(
  request: MutationRequest,
  parent: PythonSource,
  donors: () => readonly PythonSource[],
  rates: OperatorRates,
  limits: Limits,
): { code: string; operator: string; rationale: string } | null {
  const { rng } = request;
  let count = 1;
  while (count < limits.maxOperators && rng.chance(limits.chainProbability)) count++;
  let source = parent;
  const names: string[] = [];
  const notes: string[] = [];
  for (let step = 0; step < count; step++) {
    const ctx: PyOperatorContext = { source, rng, donors };
    let candidates = PY_OPERATORS.filter(
      (o) => o.name !== "crossover" || request.inspirations.length > 0,
    ).map((o) => o.name);
    let next: PythonSource | null = null;
    while (!next && candidates.length > 0) {
      const name = rates.pick(rng, candidates);
      const operator = PY_OPERATORS.find((o) => o.name === name);
      if (!operator) break;
      candidates = candidates.filter((n) => n !== name);
      const change = operator.apply(ctx);
      if (!change) continue;
      // Re-parsed: the next step reads the tree of what this one made, and
      // a change the grammar cannot read is never kept.
      next = readSource(applyChange(source.text, change));
      if (!next || next.regions.length !== parent.regions.length) {
        next = null;
        continue;
      }
      names.push(operator.name);
      notes.push(change.note);
    }
    if (!next) break;
    source = next;
  }
  if (names.length === 0) return null;
  const tooBig = source.regions.some((r, i) => {
    const before = parent.regions[i];
    const size = before ? before.end - before.start : 0;
    return r.end - r.start > Math.max(limits.maxBlockChars, size);
  });
  const code = source.text;
  if (tooBig || code === request.parent.code) return null;
  if (!changedOutsideBlocks(request.parent.code, code).ok) return null;
  return { code, operator: names.join("+"), rationale: `gp ${notes.join("; ")}` };
}
