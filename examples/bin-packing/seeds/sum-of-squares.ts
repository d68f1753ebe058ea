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
/**
 * Sum of Squares (Csirik, Johnson, Kenyon, Orlin, Shor and Weber, 2006): keep
 * the counts of bins per amount of room as even as possible, so that later
 * items find a bin they fill exactly. Placing the item changes the sum of the
 * squared counts; the score is minus that change, counted over the bins this
 * call sees. Bins with less room than the item are not passed in, so the count
 * for a room that small is a guess (`unseen`). Ties go to the best fit.
 */
export function priority(item: number, bins: number[]): number[] {
  const capacity = bins[bins.length - 1] as number;
  const rooms = countRooms(bins);
  const unseen = 3;
  return bins.map((bin) => {
    const left = bin - item;
    const same = bin === capacity ? 0 : (rooms.get(bin) ?? 0);
    const after = left === 0 ? 0 : left < item ? unseen : (rooms.get(left) ?? 0);
    const change = 2 * (after - same) + (bin === capacity ? 0 : 1) + (left === 0 ? 0 : 1);
    return -change - left / capacity;
  });
}
// EVOLVE-BLOCK-END

/** How many of the open bins (all entries but the last, the new bin) have each amount of room. */
function countRooms(bins: number[]): Map<number, number> {
  const rooms = new Map<number, number>();
  for (let k = 0; k < bins.length - 1; k++) {
    const room = bins[k] as number;
    rooms.set(room, (rooms.get(room) ?? 0) + 1);
  }
  return rooms;
}
