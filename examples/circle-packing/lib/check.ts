/**
 * The strict check of a circle packing in the unit square (trusted). Pure, so
 * it is tested directly and by real sandboxed evaluations (exploits.int.test.ts).
 */

export const CIRCLES = 26;

export type Circle = [x: number, y: number, r: number];

export type PackingCheck =
  | { ok: true; circles: Circle[]; sum: number; minGap: number; notes: string[] }
  | { ok: false; reason: string; minGap: number | null; notes: string[] };

const describe = (value: unknown): string =>
  typeof value === "number" ? String(value) : Array.isArray(value) ? "an array" : typeof value;

/** The circles of a reply: the array itself, or the `circles` of an object (other keys ignored). */
function circlesOf(reply: unknown, notes: string[]): unknown {
  if (Array.isArray(reply)) return reply;
  if (typeof reply === "object" && reply !== null && "circles" in reply) {
    const others = Object.keys(reply).filter((key) => key !== "circles");
    if (others.length > 0)
      notes.push(`ignored ${others.map((k) => `"${k}"`).join(", ")}: the sum is recomputed here`);
    return (reply as { circles: unknown }).circles;
  }
  return reply;
}

/** The smallest gap of a packing: to the walls and between every pair (negative = violation). */
export function smallestGap(circles: readonly Circle[]): {
  gap: number;
  where: string;
} {
  let gap = Number.POSITIVE_INFINITY;
  let where = "";
  for (let i = 0; i < circles.length; i++) {
    const [x, y, r] = circles[i] as Circle;
    const walls: [number, string][] = [
      [x - r, "left"],
      [1 - (x + r), "right"],
      [y - r, "bottom"],
      [1 - (y + r), "top"],
    ];
    for (const [value, wall] of walls) {
      if (value < gap) {
        gap = value;
        where = `circle ${i} and the ${wall} side`;
      }
    }
    for (let j = i + 1; j < circles.length; j++) {
      const [xj, yj, rj] = circles[j] as Circle;
      const value = Math.sqrt((x - xj) ** 2 + (y - yj) ** 2) - (r + rj);
      if (value < gap) {
        gap = value;
        where = `circles ${i} and ${j}`;
      }
    }
  }
  return { gap, where };
}

export function checkPacking(reply: unknown, count: number): PackingCheck {
  const notes: string[] = [];
  const fail = (reason: string, minGap: number | null = null): PackingCheck => ({
    ok: false,
    reason,
    minGap,
    notes,
  });
  const list = circlesOf(reply, notes);
  if (!Array.isArray(list))
    return fail(`construct() returned ${describe(list)}, expected an array of ${count} [x, y, r]`);
  if (list.length !== count)
    return fail(`construct() returned ${list.length} circles, expected exactly ${count}`);
  const circles: Circle[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!Array.isArray(entry) || entry.length !== 3)
      return fail(`circle ${i} is ${describe(entry)}, expected [x, y, r]`);
    for (let k = 0; k < 3; k++) {
      const value: unknown = entry[k];
      if (typeof value !== "number" || !Number.isFinite(value))
        return fail(`circle ${i} has ${"xyr"[k]} = ${describe(value)}, expected a finite number`);
    }
    const [x, y, r] = entry as Circle;
    if (r < 0) return fail(`circle ${i} has a negative radius ${r}`);
    circles.push([x, y, r]);
  }
  const { gap, where } = smallestGap(circles);
  if (gap < 0) {
    const what = where.includes("side") ? "sticks out of the square" : "overlap";
    return fail(`${where} ${what} by ${-gap} (zero tolerance; smallest gap ${gap})`, gap);
  }
  const sum = circles.reduce((total, [, , r]) => total + r, 0);
  return { ok: true, circles, sum, minGap: gap, notes };
}
