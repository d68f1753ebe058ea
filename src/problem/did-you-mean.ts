/**
 * The known word closest to a misspelt one, for "did you mean" hints. Case,
 * dashes and underscores are ignored first (`callTimeoutMs` -> `call_timeout_ms`),
 * then a small edit distance is allowed, relative to the word's length.
 */
import { editDistance } from "../util/edit-distance.ts";
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

export { editDistance };
