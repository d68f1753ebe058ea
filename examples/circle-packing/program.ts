/**
 * Circle packing in the unit square (n = 26): place 26 disjoint circles inside
 * [0, 1] x [0, 1] so that the sum of their radii is as large as possible.
 *
 * `construct()` returns the circles as [x, y, r] triples. The evaluator checks
 * them with zero tolerance (no overlap, every circle inside the square, finite
 * non-negative numbers) and recomputes the sum itself.
 *
 * The seed: circles on rings around the centre, then a few thousand steps of
 * gradient ascent on (sum of radii - penalty x violations), with the penalty
 * growing; `feasible` (outside the block) then shrinks radii until nothing
 * overlaps or sticks out. It does this from a few starting layouts, the rings
 * as drawn and copies with every centre moved a little at random (a seeded
 * generator, so every run gives the same circles), and keeps the best.
 */
export type Circle = [x: number, y: number, r: number];

// EVOLVE-BLOCK-START
/** Starting layouts to optimize; the best valid packing of them is returned. */
const STARTS = 4;
/** How far each centre of a jittered start may move, in the unit square. */
const JITTER = 0.03;

/** Optimizes every start, makes each valid, keeps the largest sum of radii. */
function search(): Circle[] {
  let best: Circle[] = [];
  let bestSum = -1;
  for (let start = 0; start < STARTS; start++) {
    const circles = feasible(optimize(initial(start)));
    const sum = circles.reduce((total, [, , r]) => total + r, 0);
    if (sum > bestSum) {
      best = circles;
      bestSum = sum;
    }
  }
  return best;
}

/**
 * Starting layout: one circle in the centre and rings of 8 and 17 around it;
 * start 0 as drawn, the others with every centre moved by up to JITTER.
 */
function initial(start: number): Circle[] {
  const random = seededRandom(start);
  const jitter = () => (start === 0 ? 0 : (2 * random() - 1) * JITTER);
  const circles: Circle[] = [[0.5 + jitter(), 0.5 + jitter(), 0.1]];
  const rings = [
    { count: 8, radius: 0.24, r: 0.08 },
    { count: 17, radius: 0.42, r: 0.06 },
  ];
  for (const ring of rings) {
    for (let k = 0; k < ring.count; k++) {
      const angle = (2 * Math.PI * k) / ring.count;
      circles.push([
        0.5 + ring.radius * Math.cos(angle) + jitter(),
        0.5 + ring.radius * Math.sin(angle) + jitter(),
        ring.r,
      ]);
    }
  }
  return circles;
}

/** Gradient ascent on sum(r) - weight * sum(violation^2), the weight growing each round. */
function optimize(circles: Circle[]): Circle[] {
  const n = circles.length;
  const steps = 3000;
  let weight = 10;
  let rate = 0.002;
  for (let step = 0; step < steps; step++) {
    const grad = circles.map((): Circle => [0, 0, 1]);
    for (let i = 0; i < n; i++) {
      const [x, y, r] = circles[i] as Circle;
      const g = grad[i] as Circle;
      const left = r - x;
      const right = x + r - 1;
      const bottom = r - y;
      const top = y + r - 1;
      if (left > 0) {
        g[0] += 2 * weight * left;
        g[2] -= 2 * weight * left;
      }
      if (right > 0) {
        g[0] -= 2 * weight * right;
        g[2] -= 2 * weight * right;
      }
      if (bottom > 0) {
        g[1] += 2 * weight * bottom;
        g[2] -= 2 * weight * bottom;
      }
      if (top > 0) {
        g[1] -= 2 * weight * top;
        g[2] -= 2 * weight * top;
      }
      for (let j = i + 1; j < n; j++) {
        const [xj, yj, rj] = circles[j] as Circle;
        const dx = x - xj;
        const dy = y - yj;
        const d = Math.sqrt(dx * dx + dy * dy) + 1e-12;
        const overlap = r + rj - d;
        if (overlap <= 0) continue;
        const push = 2 * weight * overlap;
        const h = grad[j] as Circle;
        g[0] += (push * dx) / d;
        g[1] += (push * dy) / d;
        h[0] -= (push * dx) / d;
        h[1] -= (push * dy) / d;
        g[2] -= push;
        h[2] -= push;
      }
    }
    for (let i = 0; i < n; i++) {
      const c = circles[i] as Circle;
      const g = grad[i] as Circle;
      c[0] += rate * g[0];
      c[1] += rate * g[1];
      c[2] = Math.max(0, c[2] + rate * g[2]);
    }
    if (step % 300 === 299) {
      weight *= 2;
      rate *= 0.7;
    }
  }
  return circles;
}
// EVOLVE-BLOCK-END

/**
 * Makes the circles valid: each radius at most its distance to the walls, and
 * any two circles that overlap both shrunk in proportion until they touch.
 * The margin keeps them apart by more than rounding error.
 */
function feasible(circles: Circle[]): Circle[] {
  const margin = 1e-12;
  const out = circles.map(([x, y, r]): Circle => {
    const cx = Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0.5));
    const cy = Math.min(1, Math.max(0, Number.isFinite(y) ? y : 0.5));
    const limit = Math.min(cx, 1 - cx, cy, 1 - cy);
    return [cx, cy, Math.max(0, Math.min(Number.isFinite(r) ? r : 0, limit - margin))];
  });
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i] as Circle;
      const b = out[j] as Circle;
      const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
      const sum = a[2] + b[2];
      if (sum > d - margin && sum > 0) {
        const scale = Math.max(0, d - margin) / sum;
        a[2] *= scale;
        b[2] *= scale;
      }
    }
  }
  return out;
}

/** Numbers in [0, 1) from a seed (mulberry32): the same seed, the same numbers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function construct(): Circle[] {
  return search();
}
