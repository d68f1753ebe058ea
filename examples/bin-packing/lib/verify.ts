/**
 * Checks an assignment returned by the driver before anything is counted: the
 * driver may run next to the untrusted candidate, so its output is not trusted.
 */
import type { Instance } from "./instance.ts";

export type Verdict = { ok: true; bins: number } | { ok: false; reason: string };

/**
 * Valid when every item has exactly one integer bin index, bins are opened in
 * order (item i goes to an open bin or to the next new one) and no bin holds
 * more than the capacity. Returns the number of bins used.
 */
export function verifyAssignment(instance: Instance, assignment: unknown): Verdict {
  const { items, capacity } = instance;
  if (!Array.isArray(assignment)) {
    return { ok: false, reason: `the assignment is ${typeof assignment}, expected an array` };
  }
  if (assignment.length !== items.length) {
    return {
      ok: false,
      reason: `the assignment has ${assignment.length} entries for ${items.length} items`,
    };
  }
  const load: number[] = [];
  for (const [i, bin] of assignment.entries()) {
    if (!Number.isInteger(bin) || bin < 0 || bin > load.length) {
      return {
        ok: false,
        reason: `item ${i} is in bin ${String(bin)}; expected an open bin (0..${load.length - 1}) or the next new one (${load.length})`,
      };
    }
    const filled = (load[bin] ?? 0) + (items[i] ?? 0);
    if (filled > capacity) {
      return { ok: false, reason: `bin ${bin} holds ${filled} after item ${i}, over ${capacity}` };
    }
    load[bin] = filled;
  }
  return { ok: true, bins: load.length };
}
