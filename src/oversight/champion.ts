/**
 * The champion: the deployed program. The store keeps its history as rows
 * (seed, deploy, rollback); replaying them as a stack gives the current champion
 * and the one a rollback restores: a seed or a deploy pushes, a rollback pops.
 */
import type { ChampionRecord } from "../store/oversight-store.ts";

export interface ChampionStack {
  /** The champion now, or null before the seed was evaluated. */
  current: ChampionRecord | null;
  /** What `steward rollback` restores, or null when there is nothing before. */
  previous: ChampionRecord | null;
  /** Every champion still on the stack, oldest first. */
  stack: ChampionRecord[];
}

export function championStack(rows: readonly ChampionRecord[]): ChampionStack {
  const stack: ChampionRecord[] = [];
  for (const row of rows) {
    if (row.reason === "rollback") {
      stack.pop();
      // The row records what it restored; keep that record on top.
      stack.pop();
    }
    stack.push(row);
  }
  return {
    current: stack.at(-1) ?? null,
    previous: stack.at(-2) ?? null,
    stack,
  };
}
