/**
 * Cheap text novelty: how alike two programs are, by Jaccard similarity of
 * their token shingles (runs of `shingleSize` tokens). Tokens are identifiers,
 * numbers, string literals and operators; whitespace and comments (`//`,
 * `/* *\/`, and `#` followed by a space, `#`, `!` or the line's end) are
 * ignored, so reformatting or re-commenting a program leaves it the same.
 *
 * `NoveltyIndex` keeps, per island, the shingle sets of its most recent
 * programs as sorted arrays of 32-bit hashes: at most `capacity` programs per
 * island (default 1,000; the oldest is forgotten first), 4 bytes per distinct
 * shingle: about 8 KB for a program of 200 lines, 8 MB for a full island. Hash
 * collisions can only make programs look slightly more alike. A query compares
 * against every program held (about 20 ms for 1,000 programs of 200 lines),
 * skipping those whose set sizes alone rule out beating the best found;
 * `isNovel` stops at the first too-similar one. The index is not persisted: rebuild it on resume by
 * adding the island's programs again, oldest first.
 */

export interface NoveltyOptions {
  /** Programs kept per island, newest first out last. Default 1,000. */
  capacity?: number;
  /** Tokens per shingle. Default 4. */
  shingleSize?: number;
}

const TOKEN =
  /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|#(?=[\s#!]|$)[^\n]*|"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`(?:\\[\s\S]|[^`\\])*`?|[\p{L}_$#][\p{L}\p{N}_$]*|\d[\w.]*|>>>=?|\?\?=|\|\|=|&&=|===|!==|\*\*=|\.\.\.|<<=|>>=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|\*\*|<<|>>|[-+*/%&|^!=<>]=|\S/gu;

const COMMENT = /^(?:\/\/|\/\*|#(?:[\s#!]|$))/;

/** The program's tokens, without whitespace and comments. */
export function tokenize(code: string): string[] {
  const tokens: string[] = [];
  for (const [token] of code.matchAll(TOKEN)) if (!COMMENT.test(token)) tokens.push(token);
  return tokens;
}

/** Sorted, distinct 32-bit hashes of the program's `size`-token shingles. */
export function shingles(code: string, size = 4): Uint32Array {
  const hashes = tokenize(code).map(fnv1a);
  const set = new Set<number>();
  const width = Math.min(size, hashes.length);
  for (let i = 0; width > 0 && i + width <= hashes.length; i++) {
    let h = 0x811c9dc5 ^ width;
    for (let t = 0; t < width; t++) h = Math.imul(h ^ (hashes[i + t] ?? 0), 0x01000193) >>> 0;
    set.add(h);
  }
  return Uint32Array.from(set).sort();
}

/** Jaccard similarity of two sorted hash sets; two empty programs are identical. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  const n = a.length;
  const m = b.length;
  while (i < n && j < m) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared / (a.length + b.length - shared);
}

/** Similarity of two programs' code, from 0 (nothing shared) to 1. */
export function similarity(a: string, b: string, shingleSize = 4): number {
  return jaccard(shingles(a, shingleSize), shingles(b, shingleSize));
}

export class NoveltyIndex {
  readonly capacity: number;
  readonly shingleSize: number;
  /** Per island, program id to shingle set; a Map keeps insertion order, oldest first. */
  readonly #islands = new Map<number, Map<number, Uint32Array>>();

  constructor(options: NoveltyOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 1000));
    this.shingleSize = Math.max(1, Math.floor(options.shingleSize ?? 4));
  }

  /** Remembers a program on an island (again: it becomes the newest); forgets the oldest beyond capacity. */
  add(islandId: number, programId: number, code: string): void {
    const island = this.#islands.get(islandId) ?? new Map<number, Uint32Array>();
    this.#islands.set(islandId, island);
    island.delete(programId);
    island.set(programId, shingles(code, this.shingleSize));
    for (const oldest of island.keys()) {
      if (island.size <= this.capacity) break;
      island.delete(oldest);
    }
  }

  /** Programs held for an island. */
  size(islandId: number): number {
    return this.#islands.get(islandId)?.size ?? 0;
  }

  /** The island's program most like `code` (the newest on a tie), or null for an empty island. */
  mostSimilar(islandId: number, code: string): { programId: number; similarity: number } | null {
    return this.#nearest(islandId, code, Number.POSITIVE_INFINITY);
  }

  /**
   * Whether `code` is less similar than `threshold` to every program on the
   * island. A threshold of 1 or more never rejects (the check is off).
   */
  isNovel(islandId: number, code: string, threshold: number): boolean {
    if (threshold >= 1) return true;
    const nearest = this.#nearest(islandId, code, threshold);
    return nearest === null || nearest.similarity < threshold;
  }

  /** The most similar program, or the first found at least `enough` alike. */
  #nearest(islandId: number, code: string, enough: number) {
    const island = this.#islands.get(islandId);
    if (!island || island.size === 0) return null;
    const query = shingles(code, this.shingleSize);
    let best: { programId: number; similarity: number } | null = null;
    for (const [programId, set] of island) {
      const small = Math.min(set.length, query.length);
      const large = Math.max(set.length, query.length);
      if (best && (large === 0 ? 1 : small / large) < best.similarity) continue;
      const s = jaccard(query, set);
      if (!best || s >= best.similarity) best = { programId, similarity: s };
      if (best.similarity >= enough) break;
    }
    return best;
  }
}

/** FNV-1a over a token's UTF-16 code units. */
function fnv1a(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
