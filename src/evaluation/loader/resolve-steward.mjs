// Resolve hook: the bare specifier "steward" means this package's public entry.
const entry = new URL("../../index.ts", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "steward") return { url: entry, shortCircuit: true, format: "module" };
  return nextResolve(specifier, context);
}
