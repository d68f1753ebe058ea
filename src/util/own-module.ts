/**
 * One of Steward's own modules, by its path beside `base` (an import.meta.url):
 * the `.ts` file when Steward runs from its sources, the `.js` file tsc emitted
 * when it runs from dist/. For paths handed to another process or read as files;
 * `import` statements need none of this (tsc rewrites their extensions).
 */
export function ownModule(relative: string, base: string): URL {
  const compiled = !base.endsWith(".ts");
  return new URL(compiled ? relative.replace(/\.ts$/, ".js") : relative, base);
}
