/**
 * The population as plain JSON, for the dashboard and `steward status`: the
 * counters, the best, the archive, and per island its occupied cells in cell
 * order with each elite's id, fitness and child count.
 */
import { compareCells } from "./cell.ts";
import type { IslandGrid } from "./island-grid.ts";
import type { Member, PopulationSnapshot } from "./types.ts";

export interface SnapshotSource {
  added: number;
  migrations: number;
  archive: readonly Member[];
  grids: readonly IslandGrid[];
  children(id: number): number;
}

export function snapshotOf(source: SnapshotSource): PopulationSnapshot {
  const top = source.archive[0];
  return {
    added: source.added,
    migrations: source.migrations,
    best: top === undefined ? null : { id: top.id, fitness: top.fitness },
    archive: source.archive.map((m) => ({ id: m.id, fitness: m.fitness })),
    islands: source.grids.map((grid, island) => ({
      island,
      cells: [...grid.placements()]
        .sort((a, b) => compareCells(a.cell, b.cell))
        .map((p) => ({
          cell: p.cell,
          id: p.member.id,
          fitness: p.member.fitness,
          children: source.children(p.member.id),
          migrated: p.migrated,
        })),
    })),
  };
}
