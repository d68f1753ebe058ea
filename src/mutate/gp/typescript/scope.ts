/**
 * What gp knows about the names visible at a point of the program: whether each
 * holds a number, an array of numbers, or something else. Scopes are persistent
 * chains, so a site keeps the scope it was seen in while later declarations
 * extend the chain without changing it.
 */
export type ValueKind = "number" | "numbers" | "other";

export interface Scope {
  readonly parent: Scope | null;
  readonly names: ReadonlyMap<string, ValueKind>;
}

export const EMPTY_SCOPE: Scope = { parent: null, names: new Map() };

/** A child scope declaring `names` (later entries win); the parent itself when empty. */
export function extendScope(parent: Scope, names: Iterable<readonly [string, ValueKind]>): Scope {
  const map = new Map(names);
  return map.size === 0 ? parent : { parent, names: map };
}

export function lookup(scope: Scope, name: string): ValueKind | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const kind = s.names.get(name);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** Every visible name with its kind, inner declarations shadowing outer ones, outermost first. */
export function visibleNames(scope: Scope): Map<string, ValueKind> {
  const chain: Scope[] = [];
  for (let s: Scope | null = scope; s; s = s.parent) chain.push(s);
  const out = new Map<string, ValueKind>();
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const [name, kind] of chain[i]?.names ?? []) {
      out.delete(name);
      out.set(name, kind);
    }
  }
  return out;
}

/** The visible names of one kind, in a stable order. */
export function namesOfKind(scope: Scope, kind: ValueKind): string[] {
  return [...visibleNames(scope)].filter(([, k]) => k === kind).map(([name]) => name);
}

/** Globals a copied expression may use without a declaration in scope. */
export const KNOWN_GLOBALS: ReadonlySet<string> = new Set([
  "Math",
  "Number",
  "Infinity",
  "NaN",
  "undefined",
  "Array",
  "Float64Array",
  "Float32Array",
  "Int32Array",
  "Uint8Array",
  "Object",
  "String",
  "Boolean",
  "JSON",
  "parseInt",
  "parseFloat",
  "isFinite",
  "isNaN",
]);
