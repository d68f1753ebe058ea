/**
 * Online bin packing heuristic. Items arrive one by one and must be placed at
 * once. For each item, `priority` gets the item's size and the remaining
 * capacities of the bins it fits in; the last entry is always a new, empty bin.
 * It returns one finite score per bin: the item goes to the highest score.
 */
// EVOLVE-BLOCK-START
/** Best Fit: prefer the bin the item leaves with the least room to spare. */
export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
// EVOLVE-BLOCK-END
