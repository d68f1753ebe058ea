/**
 * The population of an evolution run: islands, each with a MAP-Elites grid over
 * the feature dimensions, ring migration between them, a global elite archive,
 * parent selection and inspirations.
 *
 * Pure, in memory and deterministic: the state depends only on the calls made
 * and the rng passed to the calls that draw. After a crash the loop rebuilds it
 * by replaying `add` and `recordChild`; that yields the same population because
 * migration is scheduled by the count of adds and draws no randomness. The adds
 * must be replayed in the order they were made (it decides ties and what each
 * migration copies). Child counts are kept only for members the population
 * still holds (a dropped member can never be selected again, as long as the
 * loop does not add its id anew), so it does not matter whether `recordChild`
 * is replayed where the parent was selected or after its child's add.
 *
 * Memory is bounded by islands x cells + archive size, whatever the number of
 * adds: a member that loses its cell and is not in the archive is forgotten
 * with its child count. The store keeps every program; `get(id)` answers only
 * for held members. Members handed out are frozen copies.
 */
import type { Rng } from "../util/rng.ts";
import { EliteArchive } from "./archive.ts";
import { cellOf } from "./cell.ts";
import { populationConfig } from "./config.ts";
import { chooseInspirations } from "./inspirations.ts";
import { IslandGrid, type Placement } from "./island-grid.ts";
import { planMigration } from "./migration.ts";
import { fitnessScores, selectIndex } from "./parent-selection.ts";
import { MemberRegistry } from "./registry.ts";
import { snapshotOf } from "./snapshot.ts";
import type { AddResult, Member, PopulationConfig, PopulationSnapshot } from "./types.ts";

export class Population {
  readonly config: Readonly<PopulationConfig>;
  readonly #grids: IslandGrid[];
  readonly #archive: EliteArchive;
  readonly #registry = new MemberRegistry();
  /** Per island, the selection scores of its elites and the grid version they were computed for. */
  readonly #scores: { version: number; scores: number[] }[] = [];
  #added = 0;
  #migrations = 0;

  /** Throws "charter-invalid" for a config out of range (see `populationConfig`). */
  constructor(config: Partial<PopulationConfig> = {}) {
    this.config = populationConfig(config);
    this.#grids = Array.from({ length: this.config.islands }, () => new IslandGrid());
    this.#archive = new EliteArchive(this.config.archiveSize);
  }

  /** Distinct members held: elites of some island, or in the archive. */
  get size(): number {
    return this.#registry.size;
  }

  /** Adds accepted so far. */
  get added(): number {
    return this.#added;
  }

  get migrations(): number {
    return this.#migrations;
  }

  /**
   * Offers an evaluated member to its island's grid, the archive and the best.
   * The same id may be added to several islands (the loop seeds every island
   * with the seed); adding an id the island already holds does nothing and does
   * not count towards migration. Every `migrationInterval` accepted adds, a
   * migration runs.
   */
  add(input: Member): AddResult {
    const grid = this.#grid(input.island);
    if (!Number.isFinite(input.fitness)) {
      throw new Error(
        `member ${input.id} has fitness ${input.fitness}: it must be a finite number`,
      );
    }
    const { cell, missing } = cellOf(input.features, this.config.dimensions);
    const warnings = missing.map(
      (name) => `member ${input.id} has no value for feature "${name}": placed in its lowest bin`,
    );
    if (grid.has(input.id)) {
      return { cell, isNewElite: false, isNewBest: false, migrated: false, warnings };
    }
    // A frozen copy of one fixed shape: the caller may change its object, nobody ours.
    const member: Member = Object.freeze({
      id: input.id,
      island: input.island,
      fitness: input.fitness,
      features: Object.freeze({ ...input.features }),
      parentId: input.parentId,
      generation: input.generation,
    });
    const isNewElite = this.#place(member.island, member, cell, false);
    const isNewBest = this.#offerArchive(member) && this.#archive.top === member;
    this.#added++;
    const interval = this.config.migrationInterval;
    const migrated = interval > 0 && this.#added % interval === 0 && this.#migrate();
    return { cell, isNewElite, isNewBest, migrated, warnings };
  }

  /** Counts a child of `parentId`; ignored (false) when the population no longer holds it. */
  recordChild(parentId: number): boolean {
    return this.#registry.recordChild(parentId);
  }

  /** A parent from the island's elites by the configured strategy. Throws on an empty island. */
  selectParent(island: number, rng: Rng): Member {
    const elites = this.#grid(island).placements();
    if (elites.length === 0) {
      throw new Error(
        `island ${island} has no members to select a parent from: add a seed to every island first`,
      );
    }
    const registry = this.#registry;
    const scores = this.config.selection === "weighted" ? this.#scoresOf(island) : [];
    const candidates = {
      length: elites.length,
      score: (i: number) => scores[i] ?? 0,
      children: (i: number) => registry.children((elites[i] as Placement).member.id),
    };
    const index = selectIndex(candidates, this.config.selection, rng);
    const chosen = elites[index];
    if (chosen === undefined) {
      throw new Error(`population bug: selected index ${index} of ${elites.length}`);
    }
    return chosen.member;
  }

  /**
   * Up to `count` distinct members other than the parent: half from the archive,
   * the rest from the elites of every island (the parent's island's other cells
   * included). `island` is the parent's island; it is checked but weighs nothing.
   */
  inspirations(island: number, parentId: number, count: number, rng: Rng): Member[] {
    this.#grid(island);
    const archive = this.#archive.members();
    const diverse = this.#grids.map((grid) => {
      const placements = grid.placements();
      return { length: placements.length, at: (i: number) => (placements[i] as Placement).member };
    });
    const sources = {
      archive: { length: archive.length, at: (i: number) => archive[i] as Member },
      diverse,
    };
    return chooseInspirations(sources, parentId, count, rng);
  }

  /** The fittest member ever added (the first among equals), or undefined before any add. */
  best(): Member | undefined {
    return this.#archive.top;
  }

  /** The archive's members, fittest first. */
  archive(): Member[] {
    return [...this.#archive.members()];
  }

  /** The island's elites (one per occupied cell, migrated copies included), fittest first. */
  elites(island: number): Member[] {
    return this.#grid(island)
      .placements()
      .map((p) => p.member);
  }

  /** Occupied cells per island. */
  islandSizes(): number[] {
    return this.#grids.map((grid) => grid.size);
  }

  /** A held member by id (an elite somewhere or in the archive), as first added. */
  get(id: number): Member | undefined {
    return this.#registry.get(id);
  }

  /** Children recorded for a held member (0 for others). */
  children(id: number): number {
    return this.#registry.children(id);
  }

  snapshot(): PopulationSnapshot {
    return snapshotOf({
      added: this.#added,
      migrations: this.#migrations,
      archive: this.#archive.members(),
      grids: this.#grids,
      children: (id) => this.#registry.children(id),
    });
  }

  #grid(island: number): IslandGrid {
    const grid = this.#grids[island];
    if (grid === undefined || !Number.isInteger(island)) {
      throw new Error(
        `island ${island} does not exist: islands are 0 to ${this.#grids.length - 1}`,
      );
    }
    return grid;
  }

  #scoresOf(island: number): number[] {
    const grid = this.#grid(island);
    const cached = this.#scores[island];
    if (cached !== undefined && cached.version === grid.version) return cached.scores;
    const fitness = grid.placements().map((p) => p.member.fitness);
    const scores = fitnessScores(fitness, this.config.sigmoidSharpness);
    this.#scores[island] = { version: grid.version, scores };
    return scores;
  }

  #place(island: number, member: Member, cell: string, migrated: boolean): boolean {
    const { placed, evicted } = this.#grid(island).offer(member, cell, migrated);
    if (placed) this.#registry.hold(member);
    if (evicted !== null) this.#registry.release(evicted.id);
    return placed;
  }

  #offerArchive(member: Member): boolean {
    const { entered, evicted } = this.#archive.offer(member);
    if (entered) this.#registry.hold(member);
    if (evicted !== null) this.#registry.release(evicted.id);
    return entered;
  }

  #migrate(): boolean {
    if (this.#grids.length < 2 || this.config.migrationCount === 0) return false;
    const plan = planMigration(this.#grids, this.config.migrationCount);
    for (const { to, placement } of plan) {
      this.#place(to, placement.member, placement.cell, true);
    }
    this.#migrations++;
    return true;
  }
}
