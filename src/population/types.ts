/**
 * The population's data: members it is offered, how it is configured, and what
 * it reports. Plain data only; the behaviour lives in `population.ts`.
 */

/** One evaluated program as the population sees it. */
export interface Member {
  /** Program id in the store; unique per program. */
  id: number;
  /** The island it was bred on (a migrated copy keeps its home island here). */
  island: number;
  /** Higher is better (the loop negates minimised objectives). Must be finite. */
  fitness: number;
  /** Raw feature values by name, e.g. `{ code_length: 812, complexity: 14 }`. */
  features: Record<string, number>;
  parentId: number | null;
  generation: number;
}

/** One MAP-Elites axis: the feature value is clamped into [min, max] and binned linearly. */
export interface FeatureDimension {
  name: string;
  /** Whole number >= 1. */
  bins: number;
  min: number;
  /** Greater than `min`. */
  max: number;
}

export type SelectionStrategy = "weighted" | "hill-climbing" | "uniform";

export interface PopulationConfig {
  /** Number of islands, >= 1. Default 4. */
  islands: number;
  /** Migrate after every N accepted adds; 0 never migrates. Default 50. */
  migrationInterval: number;
  /** Elites each island copies to the next one (ring) per migration. Default 2. */
  migrationCount: number;
  /** MAP-Elites feature axes; none means one cell per island. */
  dimensions: FeatureDimension[];
  /** Size of the global elite archive, >= 1. Default 20. */
  archiveSize: number;
  /** How `selectParent` picks. Default "weighted". */
  selection: SelectionStrategy;
  /** Lambda of the weighted sampling's sigmoid. Default 10. */
  sigmoidSharpness: number;
}

export interface AddResult {
  /** The member's cell key: its bin per dimension, joined by "," ("" with no dimensions). */
  cell: string;
  /** It took its cell on its island (the cell was empty or held a less fit member). */
  isNewElite: boolean;
  /** It is fitter than every member added before it. */
  isNewBest: boolean;
  /** This add completed a migration interval and a migration ran. */
  migrated: boolean;
  /** Non-fatal problems, e.g. a feature with no value (placed in its lowest bin). */
  warnings: string[];
}

export interface CellSnapshot {
  cell: string;
  id: number;
  fitness: number;
  children: number;
  /** A copy that arrived by migration (it never migrates on). */
  migrated: boolean;
}

/** Plain JSON for the dashboard and `steward status`. */
export interface PopulationSnapshot {
  /** Adds accepted so far (migrations are scheduled on this count). */
  added: number;
  migrations: number;
  best: { id: number; fitness: number } | null;
  archive: { id: number; fitness: number }[];
  /** Per island, its occupied cells in cell order. */
  islands: { island: number; cells: CellSnapshot[] }[];
}
