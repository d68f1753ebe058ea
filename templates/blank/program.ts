/**
 * The seed program. Steward may change only the lines between the
 * EVOLVE-BLOCK-START and EVOLVE-BLOCK-END markers; a candidate that changes
 * anything else (the marker lines included) is rejected before it runs.
 */
// EVOLVE-BLOCK-START
/** Approximates erf(x) on [-3, 3]. */
export function f(x: number): number {
  const scale = 1;
  return Math.tanh(scale * x);
}
// EVOLVE-BLOCK-END
