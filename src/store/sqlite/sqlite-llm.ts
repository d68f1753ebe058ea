/** LLM calls and meta-notes in the SQLite store (schema: migration 3). */
import type {
  LlmCallRecord,
  LlmStore,
  MetaNoteRecord,
  ModelSpend,
  NewLlmCall,
} from "../llm-store.ts";
import type { SqliteDatabase } from "./connection.ts";

interface SpendRow {
  model: string;
  calls: number;
  failed: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
}

interface NoteRow {
  id: number;
  run_id: number;
  evaluations: number;
  text: string;
  created_at: string;
}

const SPEND = `SELECT model, count(*) AS calls, sum(outcome != 'ok') AS failed,
  sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens, sum(cost) AS cost
  FROM llm_calls`;

export class SqliteLlm implements LlmStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  recordCall(call: NewLlmCall): LlmCallRecord {
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO llm_calls (run_id, candidate_id, model, purpose, prompt_tokens, completion_tokens, latency_ms, cost, outcome, error, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        call.runId,
        call.candidateId,
        call.model,
        call.purpose,
        call.promptTokens,
        call.completionTokens,
        call.latencyMs,
        call.cost,
        call.outcome,
        call.error,
        createdAt,
      );
    return { ...call, id: Number(lastInsertRowid), createdAt };
  }

  spendByModel(runId?: number): ModelSpend[] {
    const rows =
      runId === undefined
        ? this.#db.prepare<[], SpendRow>(`${SPEND} GROUP BY model ORDER BY model`).all()
        : this.#db
            .prepare<[number], SpendRow>(`${SPEND} WHERE run_id = ? GROUP BY model ORDER BY model`)
            .all(runId);
    return rows.map((row) => ({
      model: row.model,
      calls: row.calls,
      failed: row.failed,
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      cost: row.cost,
    }));
  }

  addNote(runId: number, evaluations: number, text: string): MetaNoteRecord {
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.#db
      .prepare("INSERT INTO meta_notes (run_id, evaluations, text, created_at) VALUES (?, ?, ?, ?)")
      .run(runId, evaluations, text, createdAt);
    return { id: Number(lastInsertRowid), runId, evaluations, text, createdAt };
  }

  notes(runId: number): MetaNoteRecord[] {
    return this.#db
      .prepare<[number], NoteRow>("SELECT * FROM meta_notes WHERE run_id = ? ORDER BY id")
      .all(runId)
      .map((row) => ({
        id: row.id,
        runId: row.run_id,
        evaluations: row.evaluations,
        text: row.text,
        createdAt: row.created_at,
      }));
  }
}
