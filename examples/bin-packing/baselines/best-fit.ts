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
/** Best Fit: prefer the bin the item leaves with the least room to spare. */
export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
// EVOLVE-BLOCK-END
