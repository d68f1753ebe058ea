/** Small synthetic members for the population's tests. */
import type { Member } from "./types.ts";

/** Two axes: x in [0, 4) over 4 bins, y in [0, 2) over 2 bins: 8 cells per island. */
export const GRID_DIMENSIONS = [
  { name: "x", bins: 4, min: 0, max: 4 },
  { name: "y", bins: 2, min: 0, max: 2 },
];

export function member(
  id: number,
  fitness: number,
  at: { x?: number; y?: number; island?: number; parentId?: number | null } = {},
): Member {
  return {
    id,
    island: at.island ?? 0,
    fitness,
    features: { x: at.x ?? 0, y: at.y ?? 0 },
    parentId: at.parentId ?? null,
    generation: 0,
  };
}
