/** Numbers as gate summaries show them: at most 6 significant digits, no exponent noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** A ratio with two decimals, as in "1.84x". */
export function formatRatio(value: number): string {
  return `${value.toFixed(2)}x`;
}
