/**
 * Ring migration between islands. Every island sends copies of its `count`
 * fittest native elites (members bred there, not copies that migrated in) to
 * island (i + 1) % islands. All islands choose before any copy lands, so the
 * plan does not depend on island order. A copy is marked as migrated and never
 * migrates on, so a member visits at most its home and the next island and
 * never ping-pongs; a copy of an id the target already holds is skipped.
 *
 * Migration is triggered by the count of adds and uses no randomness, so
 * replaying the same adds reproduces it exactly.
 */
import type { IslandGrid, Placement } from "./island-grid.ts";

export interface Emigration {
  to: number;
  placement: Placement;
}

/** The copies one migration round sends, in island order, fittest first. */
export function planMigration(grids: readonly IslandGrid[], count: number): Emigration[] {
  if (grids.length < 2 || count <= 0) return [];
  return grids.flatMap((grid, from) => {
    const to = (from + 1) % grids.length;
    return grid
      .placements()
      .filter((p) => !p.migrated)
      .slice(0, count)
      .map((placement) => ({ to, placement }));
  });
}
