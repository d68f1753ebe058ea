/**
 * One island's MAP-Elites grid: a map from cell key to the fittest member
 * offered for that cell. Ties keep the incumbent. An id holds at most one cell
 * per island (a member's cell depends only on its features).
 */
import type { Member } from "./types.ts";

export interface Placement {
  member: Member;
  cell: string;
  /** Arrived by migration: it never migrates on. */
  migrated: boolean;
}

export interface GridOffer {
  placed: boolean;
  /** The incumbent it replaced, if any. */
  evicted: Member | null;
}

/** Fittest first; equal fitness by ascending id, so the order never depends on arrival. */
export function fitterFirst(a: Member, b: Member): number {
  return b.fitness - a.fitness || a.id - b.id;
}

export class IslandGrid {
  #cells = new Map<string, Placement>();
  #cellById = new Map<number, string>();
  /** Every placement, kept fittest first as members come and go. */
  #ranked: Placement[] = [];
  #version = 0;

  /** Changes whenever the elites change, for caches derived from them. */
  get version(): number {
    return this.#version;
  }

  /** Occupied cells. */
  get size(): number {
    return this.#cells.size;
  }

  has(id: number): boolean {
    return this.#cellById.has(id);
  }

  /** The cell `id` holds on this island, if any. */
  cellOf(id: number): string | undefined {
    return this.#cellById.get(id);
  }

  /** Every occupied cell's member, fittest first. Do not mutate. */
  placements(): readonly Placement[] {
    return this.#ranked;
  }

  /** Offers `member` for `cell`: it takes the cell when empty or when strictly fitter. */
  offer(member: Member, cell: string, migrated: boolean): GridOffer {
    if (this.#cellById.has(member.id)) return { placed: false, evicted: null };
    const incumbent = this.#cells.get(cell);
    if (incumbent !== undefined && member.fitness <= incumbent.member.fitness) {
      return { placed: false, evicted: null };
    }
    if (incumbent !== undefined) {
      this.#cellById.delete(incumbent.member.id);
      this.#ranked.splice(this.#rankOf(incumbent.member), 1);
    }
    const placement = { member, cell, migrated };
    this.#cells.set(cell, placement);
    this.#cellById.set(member.id, cell);
    this.#ranked.splice(this.#rankOf(member), 0, placement);
    this.#version++;
    return { placed: true, evicted: incumbent?.member ?? null };
  }

  /** The index of `member` in the ranking, or where it would go (binary search). */
  #rankOf(member: Member): number {
    let low = 0;
    let high = this.#ranked.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.#ranked[mid] as Placement;
      if (fitterFirst(other.member, member) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
