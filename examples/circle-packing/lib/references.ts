/** Published sums of radii for 26 circles in the unit square, for reports (10 decimals). */
export const REFERENCES: readonly { name: string; sum: number; note: string }[] = [
  {
    name: "best known",
    sum: 2.6359830849,
    note: "ShinkaEvolve, ThetaEvolve, TTT-Discover agree to ~1e-7",
  },
  { name: "AlphaEvolve", sum: 2.6358627564, note: "Novikov et al. 2025" },
  { name: "OpenEvolve", sum: 2.634292402, note: "OpenEvolve's circle packing example" },
  { name: "previous human best", sum: 2.634, note: "before AlphaEvolve" },
];

export const tenDecimals = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(10);
