// The seed: a straight line. Steward evolves the formula inside the block.
// EVOLVE-BLOCK-START
export function f(x: number): number {
  return x;
}
// EVOLVE-BLOCK-END
