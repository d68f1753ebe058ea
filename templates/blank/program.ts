/**
 * The seed program. Steward may change only the lines between the two marker
 * comments below; a candidate that changes anything else (the marker lines
 * included) is rejected before it runs. Any line that mentions a marker's name
 * counts as a marker, so keep the names out of other comments.
 */
// EVOLVE-BLOCK-START
/** Approximates erf(x) on [-3, 3]. */
export function f(x: number): number {
  const scale = 1;
  return Math.tanh(scale * x);
}
// EVOLVE-BLOCK-END
