// Resolve hook: the bare specifier "steward" means this package's evaluator entry
// (defineEvaluator, defineDriver and their types: src/evaluator-entry.ts),
// and TypeScript files of a problem folder are ES modules even where no
// package.json says "type": "module" (problem folders made anywhere).
// From dist/ the entry is the JavaScript tsc emitted; from the sources, the TypeScript.
import { existsSync } from "node:fs";

const compiled = new URL("../../../evaluator-entry.js", import.meta.url);
const entry = existsSync(compiled)
  ? compiled.href
  : new URL("../../../evaluator-entry.ts", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "steward") return { url: entry, shortCircuit: true, format: "module" };
  const resolved = await nextResolve(specifier, context);
  const { protocol, pathname } = new URL(resolved.url);
  if (protocol === "file:" && /\.m?ts$/.test(pathname) && !pathname.includes("/node_modules/")) {
    return { ...resolved, format: "module" };
  }
  return resolved;
}
