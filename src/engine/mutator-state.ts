/** Mutators' own state (adaptive rates...), kept with the run so a resume continues it. */
import type { Mutator } from "../mutate/mutator.ts";

export function saveMutatorState(mutators: readonly Mutator[]): Record<string, unknown> {
  const saved: Record<string, unknown> = {};
  for (const m of mutators) if (m.saveState) saved[m.name] = m.saveState();
  return { mutators: saved };
}

export function restoreMutatorState(mutators: readonly Mutator[], state: unknown): void {
  const saved = (state as { mutators?: Record<string, unknown> } | null)?.mutators ?? {};
  for (const m of mutators) if (saved[m.name] !== undefined) m.restoreState?.(saved[m.name]);
}
