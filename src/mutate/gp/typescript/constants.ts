/**
 * Random numbers for gp: new constants (from the program, "nice" values, or a
 * wide log-normal spread) and perturbations of existing ones (scale-aware).
 */
import type { Rng } from "../../../util/rng.ts";

const NICE = [0.01, 0.1, 0.2, 0.5, 1, 2, 3, 4, 5, 10, 20, 30, 50, 100, 1000];

/** Rounded to `digits` significant digits. */
export function roundTo(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

export function randomConstant(rng: Rng, pool: readonly number[]): number {
  const r = rng.next();
  if (r < 0.35 && pool.length > 0) return rng.pick(pool);
  if (r < 0.7) return rng.pick(NICE);
  const magnitude = roundTo(Math.exp(rng.normal() * 2), 3);
  return rng.chance(0.2) ? -magnitude : magnitude;
}

/**
 * A new value near `value`: usually times exp(N(0, sigma)) with sigma drawn
 * from a few scales; near zero, plus small noise; sometimes the sign flips or
 * the value rounds to a nicer number. Integers in integer positions move by 1.
 */
export function perturb(value: number, rng: Rng, integer: boolean): number {
  if (integer && Number.isInteger(value)) {
    const step = rng.chance(0.8) ? 1 : 2;
    const next = rng.chance(0.5) ? value + step : value - step;
    return value >= 0 && next < 0 ? value + step : next;
  }
  const r = rng.next();
  if (r < 0.08 && value !== 0) return -value;
  if (r < 0.2) {
    const nice = roundTo(value, rng.chance(0.5) ? 1 : 2);
    if (nice !== value) return nice;
  }
  if (Math.abs(value) < 1e-9) return roundTo(rng.normal() * rng.pick([0.01, 0.1, 1]), 4);
  const sigma = rng.pick([0.03, 0.1, 0.3, 1]);
  const scaled = value * Math.exp(rng.normal() * sigma);
  return roundTo(scaled, sigma < 0.05 ? 5 : 4);
}
