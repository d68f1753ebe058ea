/**
 * A mutator written against Steward's public API: it picks one number inside
 * the parent's EVOLVE-BLOCKs and moves it by a random step. Small, but it is
 * all a Mutator needs: a name, and `mutate` turning a request into a new
 * program or a typed refusal, with every random choice from `request.rng`
 * (so a run with a seed can be replayed).
 */
import type { MutationRequest, MutationResult, Mutator } from "steward";

const BLOCK = /(\/\/ EVOLVE-BLOCK-START\n)([\s\S]*?)(\/\/ EVOLVE-BLOCK-END)/g;
const NUMBER = /\b\d+(?:\.\d+)?\b/g;

export function nudgeMutator(step = 0.5): Mutator {
  return {
    name: "nudge",
    async mutate(request: MutationRequest): Promise<MutationResult> {
      if (request.signal?.aborted) return { ok: false, reason: "refused", message: "aborted" };
      if (request.problem.language !== "typescript" && request.problem.language !== "javascript") {
        return {
          ok: false,
          reason: "unsupported",
          message: `nudge edits JS/TS, not ${request.problem.language}`,
        };
      }
      const code = request.parent.code;
      // Where the numbers inside the blocks are: [start, end) of each.
      const sites: Array<[number, number]> = [];
      for (const block of code.matchAll(BLOCK)) {
        const bodyStart = (block.index ?? 0) + (block[1]?.length ?? 0);
        for (const number of (block[2] ?? "").matchAll(NUMBER)) {
          const start = bodyStart + (number.index ?? 0);
          sites.push([start, start + number[0].length]);
        }
      }
      if (sites.length === 0)
        return { ok: false, reason: "no-change", message: "no number inside the blocks" };
      const [start, end] = request.rng.pick(sites);
      const value = Number(code.slice(start, end)) + request.rng.normal() * step;
      // Negative values are written as 0 - v so the literal stays a plain number.
      const text = value < 0 ? `(0 - ${(-value).toFixed(3)})` : value.toFixed(3);
      return {
        ok: true,
        code: code.slice(0, start) + text + code.slice(end),
        operator: "nudge",
        rationale: `moved ${code.slice(start, end)} to ${text}`,
      };
    },
  };
}
