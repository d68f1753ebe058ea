/**
 * Loads a mutator the charter names by module:
 *
 *     mutators:
 *       - gp
 *       - module: ./my-mutator.ts   # inside the problem folder
 *         export: nudgeMutator      # default "default"
 *         options: { step: 0.5 }    # the argument when the export is a function
 *
 * The export is a Mutator, or a function (sync or async) of `options` that
 * returns one. The module is the person's own code, trusted like the evaluator:
 * it runs in the engine's process, is pinned with its imports
 * (oversight/charter-pin.ts), and is hidden from candidates like every trusted
 * file. TypeScript loads through tsx, so no build step is needed; an
 * `import type` from "steward" is erased, a value import needs the package
 * installed where Node can find it. Whatever is wrong is one "charter-invalid"
 * error naming the file and what to change.
 */
import { pathToFileURL } from "node:url";
import { isStewardError, StewardError } from "../errors.ts";
import type { Mutator } from "../mutate/mutator.ts";
import type { MutatorModuleConfig } from "../problem/charter-mutators.ts";

export async function loadMutatorModule(
  file: string,
  config: MutatorModuleConfig,
): Promise<Mutator> {
  const where = `mutators: module ${config.module}`;
  const fail = (problem: string, cause?: unknown): never => {
    throw new StewardError("charter-invalid", `${where}: ${problem}`, { cause });
  };
  let namespace: Record<string, unknown>;
  try {
    // tsx loads only when a charter names a module: most runs never pay for it.
    const { tsImport } = await import("tsx/esm/api");
    namespace = esModuleExports(await tsImport(pathToFileURL(file).href, import.meta.url));
  } catch (error) {
    return fail(`it did not load (${describe(error)}); fix the module`, error);
  }
  if (!(config.export in namespace)) {
    const names = Object.keys(namespace).filter((n) => n !== "__esModule");
    return fail(
      `it has no export "${config.export}" (its exports: ${names.join(", ") || "none"}); name one with export:`,
    );
  }
  let value = namespace[config.export];
  if (typeof value === "function") {
    try {
      value = await (value as (options: unknown) => unknown)(config.options);
    } catch (error) {
      if (isStewardError(error)) throw error;
      return fail(`its export "${config.export}" threw when called (${describe(error)})`, error);
    }
  }
  const problem = notAMutator(value);
  if (problem) {
    return fail(
      `its export "${config.export}" ${typeof namespace[config.export] === "function" ? "returned" : "is"} ${problem}; a Mutator has a non-empty name and a mutate(request) function (see the Mutator interface)`,
    );
  }
  return value as Mutator;
}

/**
 * The module's own exports. Outside a `"type": "module"` package tsx compiles
 * TypeScript to CommonJS, and Node then offers the whole `module.exports` (marked
 * `__esModule`) as the default export: unwrap it, so `export default` means the same
 * wherever the problem folder is.
 */
function esModuleExports(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace.default as { __esModule?: unknown } | null | undefined;
  return typeof inner === "object" && inner !== null && inner.__esModule === true
    ? (inner as Record<string, unknown>)
    : namespace;
}

/** What is missing for `value` to be a Mutator, or null when nothing is. */
function notAMutator(value: unknown): string | null {
  if (typeof value !== "object" || value === null)
    return `${value === null ? "null" : typeof value}, not an object`;
  const m = value as Record<string, unknown>;
  if (typeof m.name !== "string" || m.name.trim() === "") return "an object without a name";
  if (typeof m.mutate !== "function") return `"${m.name}", which has no mutate function`;
  for (const optional of ["repair", "reward", "saveState", "restoreState"]) {
    if (m[optional] !== undefined && typeof m[optional] !== "function")
      return `"${m.name}", whose ${optional} is not a function`;
  }
  return null;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}
