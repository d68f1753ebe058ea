/**
 * The built-in offline mutator, `gp`: genetic programming inside EVOLVE-BLOCKs,
 * with one operator set per language (typescript/ reads JS and TS through the
 * TypeScript parser, python/ reads Python through tree-sitter-python) chosen
 * by the problem's language. Each language keeps its own adaptive rates.
 */
import type { Mutator } from "../mutator.ts";
import type { PythonGpOptions } from "./python/gp-mutator.ts";
import { createGpMutator as createTypeScriptGp, type GpOptions } from "./typescript/gp-mutator.ts";

export interface GpMutatorOptions extends GpOptions {
  python?: PythonGpOptions;
}

export function createGpMutator(options: GpMutatorOptions = {}): Mutator {
  const { python: pythonOptions, ...tsOptions } = options;
  const typescript = createTypeScriptGp(tsOptions);
  let python: Mutator | null = null;
  // tree-sitter and its Python grammar (about 16 MiB resident) load only when
  // a Python program is mutated, not in every engine.
  const py = async () => {
    python ??= (await import("./python/gp-mutator.ts")).createPythonGpMutator(pythonOptions);
    return python;
  };
  let pendingPythonState: unknown;
  // Rewards go to the operator set that made the candidate (names overlap across languages).
  let active: Mutator = typescript;
  return {
    name: "gp",
    async mutate(request) {
      const language = request.problem.language;
      if (language === "typescript" || language === "javascript") {
        active = typescript;
        return typescript.mutate(request);
      }
      if (language === "python") {
        const p = await py();
        active = p;
        if (pendingPythonState !== undefined) p.restoreState?.(pendingPythonState);
        pendingPythonState = undefined;
        return p.mutate(request);
      }
      return {
        ok: false,
        reason: "unsupported",
        message: `gp mutates JavaScript, TypeScript and Python, not ${language}: use an LLM mutator (--model) for this problem`,
      };
    },
    reward: (operator, improved) => active.reward?.(operator, improved),
    saveState: () => ({ ...(typescript.saveState?.() as object), python: python?.saveState?.() }),
    restoreState(state) {
      typescript.restoreState?.(state);
      const saved = (state as { python?: unknown } | null)?.python;
      if (saved !== undefined) pendingPythonState = saved;
    },
  };
}
