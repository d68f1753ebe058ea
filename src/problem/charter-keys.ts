/**
 * The keys each mapping of a charter may hold, read off the zod schema itself,
 * for "unknown key" problems: which keys a mapping knows, and where a key
 * written at the wrong level belongs (`memory_mb` at the top is `limits.memory_mb`).
 */
import type { z } from "zod";

type Schema = z.core.$ZodType;

/** The parts of a zod definition that lead to nested schemas. */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  innerType?: Schema;
  in?: Schema;
  options?: readonly Schema[];
}

const def = (schema: Schema) => schema._zod.def as unknown as Def;

/** The schemas a value at `schema` is checked against, past defaults, optionals, pipes and unions. */
function unwrap(schema: Schema): Schema[] {
  const d = def(schema);
  if (d.innerType) return unwrap(d.innerType);
  if (d.type === "pipe" && d.in) return unwrap(d.in);
  if (d.type === "union" && d.options) return d.options.flatMap(unwrap);
  return [schema];
}

/** The schemas of the value at `key` of a value checked against `schema`. */
function child(schema: Schema, key: PropertyKey): Schema[] {
  return unwrap(schema).flatMap((s) => {
    const d = def(s);
    if (d.type === "object") {
      const next = d.shape?.[String(key)];
      return next ? [next] : [];
    }
    if (d.type === "array" && d.element && typeof key === "number") return [d.element];
    if (d.type === "record" && d.valueType) return [d.valueType];
    return [];
  });
}

/** The keys the mapping at `path` of a value checked against `root` may hold. */
export function knownKeysAt(root: Schema, path: readonly PropertyKey[]): string[] {
  let schemas = [root];
  for (const key of path) schemas = schemas.flatMap((s) => child(s, key));
  const keys = schemas
    .flatMap(unwrap)
    .flatMap((s) => (def(s).type === "object" ? Object.keys(def(s).shape ?? {}) : []));
  return [...new Set(keys)];
}

/**
 * Known keys per mapping at a fixed place, by dotted path ("" for the top
 * level). Mappings inside lists and records (a mutator, an approver, a price)
 * are left out: they have no single dotted path to suggest.
 */
export function keysByPath(root: Schema): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const visit = (path: string[]) => {
    const keys = knownKeysAt(root, path);
    if (keys.length === 0) return;
    out[path.join(".")] = keys;
    for (const key of keys) visit([...path, key]);
  };
  visit([]);
  return out;
}
