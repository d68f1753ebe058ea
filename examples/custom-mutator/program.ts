// The seed: a flat line. The nudge mutator changes the numbers inside the block.
// EVOLVE-BLOCK-START
export function f(x: number): number {
  return 1.0 * x + 0.0;
}
// EVOLVE-BLOCK-END
