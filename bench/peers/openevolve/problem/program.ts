// The trivial problem, Steward's side: a one-line function.
// EVOLVE-BLOCK-START
export function f(x: number): number {
  return x * 1.0;
}
// EVOLVE-BLOCK-END
