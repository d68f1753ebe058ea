/**
 * The store's schema, as an ordered list of migrations. `migrate.ts` applies the
 * ones a database has not seen yet, each in its own transaction.
 *
 * Never edit a migration that has shipped: databases out there already ran it.
 * Change the schema by appending a new one with the next version. Migrations run
 * inside a transaction with foreign keys on, so a table rebuild must keep every
 * reference valid at commit.
 */
import type { SqliteDatabase } from "./connection.ts";

export interface Migration {
  /** 1, 2, 3... in order, no gaps. */
  version: number;
  /** A short kebab-case name, recorded with the version. */
  name: string;
  up(db: SqliteDatabase): void;
}

/**
 * The outcome kinds migration 1's CHECK constraint allows. A test compares this
 * with OUTCOME_KINDS: a new kind needs a migration that widens the constraint.
 */
export const V1_OUTCOME_KINDS = [
  "ok",
  "invalid",
  "crashed",
  "timeout",
  "memory",
  "output-limit",
  "policy",
  "sandbox-error",
] as const;

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(", ");

/**
 * Scale: at 100,000 programs every write stays an O(log n) B-tree operation. The
 * dedupe lookup uses the UNIQUE index on programs.hash; parent checks and the
 * foreign keys of program_parents and evaluations use programs' integer primary
 * key; a program's parents and evaluations are read through the primary key of
 * program_parents and `evaluations_by_program`. The indexes on the referencing
 * columns also keep foreign-key checks off full scans should rows ever be deleted.
 */
const v1: Migration = {
  version: 1,
  name: "programs-and-evaluations",
  up(db) {
    db.exec(`
      CREATE TABLE programs (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE program_parents (
        child_id INTEGER NOT NULL REFERENCES programs (id),
        position INTEGER NOT NULL,
        parent_id INTEGER NOT NULL REFERENCES programs (id),
        PRIMARY KEY (child_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX program_parents_by_parent ON program_parents (parent_id);

      CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        program_id INTEGER NOT NULL REFERENCES programs (id),
        outcome TEXT NOT NULL CHECK (outcome IN (${quoted(V1_OUTCOME_KINDS)})),
        metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        mode TEXT NOT NULL CHECK (mode IN ('search', 'verify')),
        split TEXT NOT NULL,
        duration_ms REAL NOT NULL,
        peak_memory_bytes INTEGER,
        sandbox TEXT NOT NULL,
        stdout TEXT NOT NULL,
        stderr TEXT NOT NULL,
        artifacts TEXT NOT NULL CHECK (json_valid(artifacts)),
        log TEXT NOT NULL CHECK (json_valid(log)),
        warnings TEXT NOT NULL CHECK (json_valid(warnings)),
        created_at TEXT NOT NULL
      );
      CREATE INDEX evaluations_by_program ON evaluations (program_id, id);
    `);
  },
};

/**
 * Runs and their candidates. A candidate row is written before its evaluation
 * starts and linked to the evaluation in the same transaction that records it, so
 * replaying a run's candidates in id order rebuilds its population exactly, and a
 * candidate left unlinked by a crash is simply evaluated again.
 */
const v2: Migration = {
  version: 2,
  name: "runs-and-candidates",
  up(db) {
    db.exec(`
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        seed INTEGER NOT NULL,
        config TEXT NOT NULL CHECK (json_valid(config)),
        status TEXT NOT NULL CHECK (status IN ('running', 'stopped', 'finished', 'failed')),
        stop_reason TEXT,
        elapsed_ms REAL NOT NULL DEFAULT 0,
        state TEXT CHECK (state IS NULL OR json_valid(state)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id),
        program_id INTEGER NOT NULL REFERENCES programs (id),
        island INTEGER NOT NULL,
        parent_id INTEGER REFERENCES programs (id),
        mutator TEXT NOT NULL,
        operator TEXT NOT NULL,
        generation INTEGER NOT NULL,
        evaluation_id INTEGER UNIQUE REFERENCES evaluations (id),
        fitness REAL,
        features TEXT CHECK (features IS NULL OR json_valid(features)),
        created_at TEXT NOT NULL
      );
      CREATE INDEX candidates_by_run ON candidates (run_id, id);
      CREATE UNIQUE INDEX candidates_by_run_program ON candidates (run_id, program_id);
    `);
  },
};

/**
 * Oversight and LLM accounting.
 *
 * - `ledger_entries` is the append-only Merkle log: `body` is the canonical JSON
 *   that was hashed, `leaf_hash` its RFC 6962 leaf hash (hex). Rows are only ever
 *   inserted; `steward audit verify` re-derives every hash from `body`.
 * - `ledger_checkpoints`: signed (size, root, time); also appended to a file
 *   outside the database.
 * - `charter_pins`: the hashes of the charter, evaluator, driver and data a run
 *   accepted; the newest row is in force.
 * - `champions`: the deploy history, newest row = the current champion.
 * - `proposals`: candidates that beat the champion and went through the gates
 *   (`blocked` if a gate failed). `content` is what approvals sign.
 * - `verdicts`: signed approvals and rejections of a proposal.
 * - `llm_calls`: every model call with tokens, cost and outcome.
 * - `meta_notes`: what an LLM summarised about a run so far.
 */
const v3: Migration = {
  version: 3,
  name: "oversight-and-llm-accounting",
  up(db) {
    db.exec(`
      CREATE TABLE ledger_entries (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        leaf_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE ledger_checkpoints (
        size INTEGER PRIMARY KEY,
        root TEXT NOT NULL,
        time TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature TEXT NOT NULL
      );

      CREATE TABLE charter_pins (
        id INTEGER PRIMARY KEY,
        files TEXT NOT NULL CHECK (json_valid(files)),
        approvers TEXT NOT NULL CHECK (json_valid(approvers)),
        accepted_by TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE champions (
        id INTEGER PRIMARY KEY,
        program_id INTEGER NOT NULL REFERENCES programs (id),
        proposal_id INTEGER REFERENCES proposals (id),
        reason TEXT NOT NULL CHECK (reason IN ('seed', 'deploy', 'rollback')),
        objective REAL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE proposals (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs (id),
        program_id INTEGER NOT NULL REFERENCES programs (id),
        champion_program_id INTEGER NOT NULL REFERENCES programs (id),
        status TEXT NOT NULL CHECK (status IN ('blocked', 'open', 'rejected', 'deployed')),
        content_hash TEXT NOT NULL,
        content TEXT NOT NULL CHECK (json_valid(content)),
        extra_approvals INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX proposals_by_status ON proposals (status, id);
      CREATE UNIQUE INDEX proposals_by_program ON proposals (program_id, champion_program_id);

      CREATE TABLE verdicts (
        id INTEGER PRIMARY KEY,
        proposal_id INTEGER NOT NULL REFERENCES proposals (id),
        verdict TEXT NOT NULL CHECK (verdict IN ('approve', 'reject')),
        approver TEXT NOT NULL,
        public_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        signature TEXT NOT NULL,
        message TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX verdicts_by_proposal ON verdicts (proposal_id, id);

      CREATE TABLE llm_calls (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs (id),
        candidate_id INTEGER REFERENCES candidates (id),
        model TEXT NOT NULL,
        purpose TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        latency_ms REAL NOT NULL,
        cost REAL NOT NULL,
        outcome TEXT NOT NULL,
        error TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX llm_calls_by_run ON llm_calls (run_id, id);

      CREATE TABLE meta_notes (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id),
        evaluations INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      ALTER TABLE candidates ADD COLUMN rationale TEXT;
      ALTER TABLE candidates ADD COLUMN arm TEXT;
      ALTER TABLE candidates ADD COLUMN reward REAL;
    `);
  },
};

/**
 * Who evaluated: `worker` is the identity of the `steward worker` that ran an
 * evaluation taken from the queue (id, host, sandbox level, versions), as JSON;
 * NULL for an evaluation on the engine's own machine.
 */
const v4: Migration = {
  version: 4,
  name: "evaluation-worker",
  up(db) {
    db.exec(`
      ALTER TABLE evaluations ADD COLUMN worker TEXT CHECK (worker IS NULL OR json_valid(worker));
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4];
