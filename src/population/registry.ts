/**
 * The members the population still holds, by id: each with the number of
 * places holding it (a cell on some island, the archive) and its child count.
 *
 * A member no place holds is dropped with its child count: it can never be
 * selected again (migration only copies members that are held), so the
 * registry stays bounded by islands x cells + archive size, however many
 * members were added.
 */
import type { Member } from "./types.ts";

interface Entry {
  member: Member;
  holds: number;
  children: number;
}

export class MemberRegistry {
  #entries = new Map<number, Entry>();

  get size(): number {
    return this.#entries.size;
  }

  has(id: number): boolean {
    return this.#entries.has(id);
  }

  get(id: number): Member | undefined {
    return this.#entries.get(id)?.member;
  }

  /** Children recorded for a held member; 0 for any other id. */
  children(id: number): number {
    return this.#entries.get(id)?.children ?? 0;
  }

  /** Counts a child of `id`; false (and nothing kept) when the member is not held. */
  recordChild(id: number): boolean {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    entry.children++;
    return true;
  }

  /** One more place holds `member` (the first hold registers it; later ones share its entry). */
  hold(member: Member): void {
    const entry = this.#entries.get(member.id);
    if (entry === undefined) this.#entries.set(member.id, { member, holds: 1, children: 0 });
    else entry.holds++;
  }

  /** One place fewer holds `id`; at none it is dropped. */
  release(id: number): void {
    const entry = this.#entries.get(id);
    if (entry === undefined)
      throw new Error(`population bug: released member ${id} it does not hold`);
    entry.holds--;
    if (entry.holds === 0) this.#entries.delete(id);
  }
}
