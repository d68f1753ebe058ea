/**
 * Online bin packing heuristic (the FunSearch protocol).
 *
 * Items arrive one by one and must be placed at once. For each item, `priority`
 * gets the item's size and the remaining capacities of the bins it fits in, in
 * the order the bins were opened; the last entry is always a new, empty bin.
 * It returns one finite score per bin: the item goes to the highest score, ties
 * to the first bin. Fewer bins in total is better.
 */
// EVOLVE-BLOCK-START
// Evolved by the offline gp mutator in 30 minutes on 2 cores (no model), from
// this example's program.ts (Best Fit):
//   npm run bench:bin-packing -- --seeds 3 --max-time 30m --workers 2   (seed 3 of 3)
// at commit 8cce3a9e485044e385458e2ac3458ea8fa9d5434; the median seed on both
// paper test sets. Only these comments and the line
// breaks (biome) differ from what the run wrote; the code outside the
// EVOLVE-BLOCK is the seed's, as the evaluator requires.
// Check it: npx tsx examples/bin-packing/score-test-sets.ts examples/bin-packing/evolved/gp-30min-seed-3.ts
//   Weibull 5k 1.31% (Best Fit 3.98%), OR3 3.35% (5.37%), capacity 500 0.25% (0.50%)
/** Best Fit: prefer the bin the item leaves with the least room to spare. */
export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => {
    if (bin - item > 0.5061 * item)
      return (
        Math.max(-(bin - -(item - (bin - item))), -(0.56 * item)) -
        Math.min(item, bins.length) * 0.3873 * 0.4373
      );
    const t = -(0.55871 * item);
    if (bin - item > 0.5061 * item)
      return (
        Math.max(-(0.3873 * t), -(0.55871 / item)) - Math.min(9.429, bins.length) * 0.4275 * 0.4373
      );
    if (bin - item > 0.5061 * item)
      return (
        Math.max(-(bin - -(item - (bin - item))), -(0.55871 * item)) -
        Math.min(9.429, bins.length) * 0.4275 * 0.4373
      );
    return -(bin - (-(0.5 * item) >= 0.048 + bin ? item : item * 0.5076));
  });
}
// EVOLVE-BLOCK-END
