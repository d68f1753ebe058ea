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

/** What a run saves with its state, so `steward status` can say why during a run and a resume keeps counting. */
export interface SavedRefusals {
  total: number;
  reasons: Array<{ reason: string; count: number }>;
}

export class RefusalTally {
  readonly #counts = new Map<string, number>();
  #total = 0;
  #session = 0;

  add(mutator: string, message: string): void {
    this.#total++;
    this.#session++;
    let reason = `${mutator}: ${reasonOf(message)}`;
    if (!this.#counts.has(reason) && this.#counts.size >= MAX_REASONS) reason = `${mutator}: other`;
    this.#counts.set(reason, (this.#counts.get(reason) ?? 0) + 1);
  }

  /** Refusals in the whole run, those of earlier sessions restored included. */
  get total(): number {
    return this.#total;
  }

  /** Refusals since this tally was made (this session of the run). */
  get sessionTotal(): number {
    return this.#session;
  }

  /** The `n` most common reasons as "reason ×count", joined by "; " ("" for none). */
  top(n: number): string {
    return topReasons(this.entries(), n);
  }

  /** Every reason with its count, most common first. */
  entries(): Array<{ reason: string; count: number }> {
    return [...this.#counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }

  save(): SavedRefusals {
    return { total: this.#total, reasons: this.entries() };
  }

  /** Continues from a resumed run's saved counts (a state without them starts at zero). */
  restore(state: unknown): void {
    const saved = savedRefusalsOf(state);
    if (!saved) return;
    this.#total = saved.total;
    this.#counts.clear();
    for (const { reason, count } of saved.reasons) this.#counts.set(reason, count);
  }
}

/** The first `n` of reasons sorted most common first, as "reason ×count" joined by "; ". */
export function topReasons(reasons: SavedRefusals["reasons"], n: number): string {
  return reasons
    .slice(0, n)
    .map(({ reason, count }) => `${reason} ×${count}`)
    .join("; ");
}

/** A run state's saved refusals, or null when the state has none (older runs) or they do not parse. */
export function savedRefusalsOf(state: unknown): SavedRefusals | null {
  const saved = (state as { refusals?: unknown } | null)?.refusals as
    | Partial<SavedRefusals>
    | undefined;
  if (!saved || typeof saved.total !== "number" || !Array.isArray(saved.reasons)) return null;
  const reasons = saved.reasons.filter(
    (r): r is { reason: string; count: number } =>
      typeof r?.reason === "string" && typeof r?.count === "number",
  );
  return { total: saved.total, reasons };
}

function reasonOf(message: string): string {
  const line = (message.split("\n")[0] ?? "")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .replace(/\d+(\.\d+)?/g, "N")
    .trim();
  return line.length > REASON_CHARS ? `${line.slice(0, REASON_CHARS)}…` : line;
}
