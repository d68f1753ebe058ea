/**
 * The known word closest to a misspelt one, for "did you mean" hints. Case,
 * dashes and underscores are ignored first (`callTimeoutMs` -> `call_timeout_ms`),
 * then a small edit distance is allowed, relative to the word's length.
 */
export function didYouMean(word: string, known: readonly string[]): string | null {
  const plain = normalise(word);
  const exact = known.find((k) => normalise(k) === plain);
  if (exact !== undefined) return exact;
  const allowed = Math.max(2, Math.floor(plain.length * 0.4));
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const d = editDistance(plain, normalise(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function normalise(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, "");
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
