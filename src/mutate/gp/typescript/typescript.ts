/**
 * The TypeScript compiler API, loaded on first use: it takes ~0.5 s to load,
 * and a run that never mutates with gp (or a process that only evaluates)
 * should not pay for it. Modules import its types only and call `ts()`.
 */
import { createRequire } from "node:module";
import type TypeScript from "typescript";

export type TS = typeof TypeScript;

let loaded: TS | undefined;

export function ts(): TS {
  loaded ??= createRequire(import.meta.url)("typescript") as TS;
  return loaded;
}
