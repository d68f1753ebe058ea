/** One short line per ledger entry's data, for `steward audit log`. */

const MAX_LINE = 100;

/** `proposalId=3 approver=ada contentHash=9f2c1a0b4d3e…`: scalars in key order, long hashes cut. */
export function summarizeData(data: Record<string, unknown>): string {
  const parts = Object.entries(data)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${shortValue(value)}`);
  const line = parts.join(" ");
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

function shortValue(value: unknown): string {
  if (typeof value === "string") {
    if (/^[0-9a-f]{40,}$/i.test(value) || /^ed25519:/.test(value)) return `${value.slice(0, 12)}…`;
    return /^[\w./:@+-]{1,40}$/.test(value) ? value : JSON.stringify(shorten(value, 40));
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items = value.map(shortValue).join(",");
    return items.length <= 40 ? `[${items}]` : `[${value.length} items]`;
  }
  return `{${Object.keys(value as object).length} fields}`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
