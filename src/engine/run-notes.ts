/**
 * The run's meta-notes: every `meta_notes.every` evaluations, a model
 * summarises what recent candidates tried and how it went, and the summary
 * joins later prompts. This keeps the recent results, writes the notes when
 * they are due and stores them, so a resumed run carries on with its notes.
 */
import { isBudgetExhausted } from "../mutate/llm/llm-result.ts";
import type { MetaNotesOptions, RecentResult } from "../mutate/llm/meta-notes.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import type { Rng } from "../util/rng.ts";

/** Recent results kept for the next notes. */
const RECENT_RESULTS = 60;

export class RunNotes {
  readonly #options: MetaNotesOptions | null;
  readonly #problem: Problem;
  readonly #store: Store;
  readonly #runId: number;
  #recent: RecentResult[] = [];
  #text = "";
  #writtenAt = 0;

  /** `options` null: notes are off (no LLM mutator, or `meta_notes.every: 0`). */
  constructor(options: MetaNotesOptions | null, problem: Problem, store: Store, runId: number) {
    this.#options = options;
    this.#problem = problem;
    this.#store = store;
    this.#runId = runId;
    const last = store.llm.notes(runId).at(-1);
    if (last) {
      this.#text = last.text;
      this.#writtenAt = last.evaluations;
    }
  }

  /** The notes so far ("" for none). */
  get text(): string {
    return this.#text;
  }

  /** One evaluated candidate, newest last. */
  record(result: RecentResult): void {
    this.#recent = [result, ...this.#recent].slice(0, RECENT_RESULTS);
  }

  /**
   * Writes notes when `every` more evaluations happened since the last ones:
   * "ok" when written, "budget" when the spend budget ran out, null otherwise.
   */
  async write(evaluated: number, rng: Rng, signal: AbortSignal): Promise<"ok" | "budget" | null> {
    const options = this.#options;
    const every = this.#problem.charter.metaNotes.every;
    if (!options || every === 0 || evaluated - this.#writtenAt < every || this.#recent.length === 0)
      return null;
    this.#writtenAt = evaluated;
    // Loaded here: it pulls in the AI SDK, which gp-only runs never need.
    const { summariseResults } = await import("../mutate/llm/meta-notes.ts");
    const { charter } = this.#problem;
    const result = await summariseResults(options, {
      problem: {
        description: charter.description,
        objective: charter.objective,
        language: charter.language,
      },
      recent: this.#recent,
      previousNotes: this.#text,
      rng,
      signal,
    });
    if (!result.ok) return isBudgetExhausted(result) ? "budget" : null;
    this.#text = result.notes;
    this.#recent = [];
    this.#store.llm.addNote(this.#runId, evaluated, result.notes);
    return "ok";
  }
}
