/** What LLM mutators leave behind: every model call with its cost, and meta-notes. */

export type LlmCallOutcome = "ok" | "error" | "timeout" | "budget" | "refused";

export interface LlmCallRecord {
  id: number;
  runId: number | null;
  candidateId: number | null;
  model: string;
  /** "mutate", "repair", "meta-notes"... */
  purpose: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** US dollars. */
  cost: number;
  outcome: LlmCallOutcome;
  error: string | null;
  createdAt: string;
}

export type NewLlmCall = Omit<LlmCallRecord, "id" | "createdAt">;

export interface ModelSpend {
  model: string;
  calls: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
}

export interface MetaNoteRecord {
  id: number;
  runId: number;
  /** Evaluations in the run when the note was written. */
  evaluations: number;
  text: string;
  createdAt: string;
}

export interface LlmStore {
  recordCall(call: NewLlmCall): LlmCallRecord;
  /** Spend per model, for one run or all of them. */
  spendByModel(runId?: number): ModelSpend[];
  addNote(runId: number, evaluations: number, text: string): MetaNoteRecord;
  notes(runId: number): MetaNoteRecord[];
}
