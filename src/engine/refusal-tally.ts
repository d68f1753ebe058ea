/**
 * Why mutations produced nothing, counted by reason, so a stalled run says
 * "openai:gpt-4.1-mini: the model's edit could not be applied (no-match) ×174"
 * instead of only "174 refusals". A reason is the mutator and the first line
 * of its message with numbers and quoted text left out, so messages that
 * differ only in a line number or a snippet count together.
 */

/** Distinct reasons kept; later new ones are counted under "other". */
const MAX_REASONS = 50;
const REASON_CHARS = 160;

export class RefusalTally {
  readonly #counts = new Map<string, number>();
  #total = 0;

  add(mutator: string, message: string): void {
    this.#total++;
    let reason = `${mutator}: ${reasonOf(message)}`;
    if (!this.#counts.has(reason) && this.#counts.size >= MAX_REASONS) reason = `${mutator}: other`;
    this.#counts.set(reason, (this.#counts.get(reason) ?? 0) + 1);
  }

  get total(): number {
    return this.#total;
  }

  /** The `n` most common reasons as "reason ×count", joined by "; " ("" for none). */
  top(n: number): string {
    return this.entries()
      .slice(0, n)
      .map(({ reason, count }) => `${reason} ×${count}`)
      .join("; ");
  }

  /** Every reason with its count, most common first. */
  entries(): Array<{ reason: string; count: number }> {
    return [...this.#counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

function reasonOf(message: string): string {
  const line = (message.split("\n")[0] ?? "")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .replace(/\d+(\.\d+)?/g, "N")
    .trim();
  return line.length > REASON_CHARS ? `${line.slice(0, REASON_CHARS)}…` : line;
}
