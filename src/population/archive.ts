/**
 * The global elite archive: the `capacity` fittest members offered so far,
 * across islands, with distinct ids. Ties keep the incumbent, so the order of
 * equally fit members is the order they arrived in.
 */
import type { Member } from "./types.ts";

export interface ArchiveOffer {
  entered: boolean;
  /** The member it pushed out of a full archive, if any. */
  evicted: Member | null;
}

export class EliteArchive {
  readonly capacity: number;
  /** Fittest first; equally fit members in arrival order. */
  #members: Member[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** The fittest member, the first one offered among equals. */
  get top(): Member | undefined {
    return this.#members[0];
  }

  get size(): number {
    return this.#members.length;
  }

  members(): readonly Member[] {
    return this.#members;
  }

  offer(member: Member): ArchiveOffer {
    const members = this.#members;
    const full = members.length >= this.capacity;
    const last = members.at(-1);
    if (full && last !== undefined && member.fitness <= last.fitness) {
      return { entered: false, evicted: null };
    }
    if (members.some((m) => m.id === member.id)) return { entered: false, evicted: null };
    const at = members.findIndex((m) => m.fitness < member.fitness);
    members.splice(at < 0 ? members.length : at, 0, member);
    return { entered: true, evicted: full ? (members.pop() ?? null) : null };
  }
}
