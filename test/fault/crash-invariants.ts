/**
 * What must hold in a problem's store after the engine was killed at any moment:
 * the store opens and is intact, every acknowledged evaluation is there exactly
 * once (and stays there), the evaluation budget is never charged twice, and the
 * ledger verifies. Returns violations as sentences (empty: all held), so a test
 * can assert on them and the crash bench can count them.
 */
import Database from "better-sqlite3";
import { verifyLedger } from "../../src/ledger/verify-ledger.ts";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";

export interface StoreFacts {
  /** Runs in the store. */
  runs: number;
  status: string | null;
  candidates: number;
  /** Candidates linked to their evaluation. */
  acknowledged: number;
  /** Candidates stored but not acknowledged (in flight when the engine died). */
  pending: number;
  /** candidate id -> evaluation id, for every acknowledged candidate. */
  links: Map<number, number>;
  /** Program ids of the acknowledged candidates. */
  acknowledgedPrograms: Set<number>;
  ledgerSize: number;
  ledgerWarnings: string[];
}

export interface Expectations {
  maxEvals: number;
  workers: number;
  /** The facts of the previous check: nothing acknowledged then may be gone now. */
  previous?: StoreFacts;
  /** Program ids the engine reported as evaluated: each must be acknowledged. */
  reported?: readonly number[];
}

/** Warnings verification may give after a kill; anything else is a violation. */
const CRASH_WARNINGS = [/lags \d+ checkpoint\(s\) behind/, /ends with a line cut short by a crash/];

interface CandidateRow {
  id: number;
  program_id: number;
  evaluation_id: number | null;
}

export function checkStore(
  problemDir: string,
  expect: Expectations,
): { facts: StoreFacts; violations: string[] } {
  const violations: string[] = [];
  const file = problemStorePath(problemDir);
  let store: ReturnType<typeof openSqliteStore>;
  try {
    store = openSqliteStore(file);
  } catch (error) {
    return { facts: emptyFacts(), violations: [`the store does not open: ${String(error)}`] };
  }
  let facts: StoreFacts;
  try {
    const ledger = verifyLedger(store, problemDir);
    if (!ledger.ok)
      violations.push(`the ledger does not verify: ${ledger.problem}: ${ledger.message}`);
    // A second, read-only connection while the store's is open (and keeps the WAL's index).
    const db = new Database(file, { readonly: true });
    try {
      facts = readFacts(db, ledger);
      violations.push(...integrity(db), ...evaluationsOnce(db));
    } finally {
      db.close();
    }
  } finally {
    store.close();
  }
  for (const warning of facts.ledgerWarnings) {
    if (!CRASH_WARNINGS.some((pattern) => pattern.test(warning)))
      violations.push(`unexpected ledger warning: ${warning}`);
  }
  const missing = (expect.reported ?? []).filter((id) => !facts.acknowledgedPrograms.has(id));
  if (missing.length > 0)
    violations.push(
      `program(s) ${missing.join(", ")} were reported evaluated but are not acknowledged`,
    );
  violations.push(...budgetAndProgress(facts, expect));
  return { facts, violations };
}

function emptyFacts(): StoreFacts {
  return {
    runs: 0,
    status: null,
    candidates: 0,
    acknowledged: 0,
    pending: 0,
    links: new Map(),
    acknowledgedPrograms: new Set(),
    ledgerSize: 0,
    ledgerWarnings: [],
  };
}

function readFacts(db: Database.Database, ledger: ReturnType<typeof verifyLedger>): StoreFacts {
  const runs = db.prepare("SELECT id, status FROM runs ORDER BY id").all() as {
    id: number;
    status: string;
  }[];
  const run = runs.at(-1);
  const candidates = run
    ? (db
        .prepare("SELECT id, program_id, evaluation_id FROM candidates WHERE run_id = ?")
        .all(run.id) as CandidateRow[])
    : [];
  const links = new Map<number, number>();
  const acknowledgedPrograms = new Set<number>();
  for (const c of candidates) {
    if (c.evaluation_id === null) continue;
    links.set(c.id, c.evaluation_id);
    acknowledgedPrograms.add(c.program_id);
  }
  return {
    runs: runs.length,
    status: run?.status ?? null,
    candidates: candidates.length,
    acknowledged: links.size,
    pending: candidates.length - links.size,
    links,
    acknowledgedPrograms,
    ledgerSize: ledger.ok ? ledger.size : 0,
    ledgerWarnings: ledger.ok ? ledger.warnings : [],
  };
}

function integrity(db: Database.Database): string[] {
  const out: string[] = [];
  const check = db.pragma("integrity_check", { simple: true });
  if (check !== "ok") out.push(`integrity_check says ${String(check)}`);
  const keys = db.pragma("foreign_key_check") as unknown[];
  if (keys.length > 0) out.push(`${keys.length} rows break a foreign key`);
  return out;
}

/**
 * Each evaluation made by a run belongs to exactly one candidate of its program,
 * and each program is evaluated once. (`steward eval` before the first run may
 * have evaluated a program already: such evaluations are older than the runs.)
 */
function evaluationsOnce(db: Database.Database): string[] {
  const out: string[] = [];
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const byRuns = `e.mode = 'search' AND e.created_at >= (SELECT min(created_at) FROM runs)`;
  const orphans = count(
    `SELECT count(*) FROM evaluations e WHERE ${byRuns}
       AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.evaluation_id = e.id)`,
  );
  if (orphans > 0) out.push(`${orphans} search evaluation(s) are linked to no candidate`);
  const wrongProgram = count(
    `SELECT count(*) FROM candidates c JOIN evaluations e ON e.id = c.evaluation_id
       WHERE e.program_id != c.program_id OR e.mode != 'search'`,
  );
  if (wrongProgram > 0)
    out.push(`${wrongProgram} candidate(s) are linked to another program's evaluation`);
  const twice = count(
    `SELECT count(*) FROM (SELECT program_id FROM evaluations e WHERE ${byRuns}
       GROUP BY program_id HAVING count(*) > 1)`,
  );
  if (twice > 0) out.push(`${twice} program(s) were evaluated more than once in search mode`);
  const sharedLink = count(
    `SELECT count(*) FROM (SELECT evaluation_id FROM candidates WHERE evaluation_id IS NOT NULL
       GROUP BY evaluation_id HAVING count(*) > 1)`,
  );
  if (sharedLink > 0) out.push(`${sharedLink} evaluation(s) are linked to several candidates`);
  const duplicatePrograms = count(
    `SELECT count(*) FROM (SELECT run_id, program_id FROM candidates
       GROUP BY run_id, program_id HAVING count(*) > 1)`,
  );
  if (duplicatePrograms > 0)
    out.push(`${duplicatePrograms} program(s) are candidates twice in one run`);
  return out;
}

function budgetAndProgress(facts: StoreFacts, expect: Expectations): string[] {
  const out: string[] = [];
  if (facts.runs > 1) out.push(`a resume made a new run: the store holds ${facts.runs} runs`);
  if (facts.acknowledged > expect.maxEvals)
    out.push(`${facts.acknowledged} evaluations acknowledged, over --max-evals ${expect.maxEvals}`);
  if (facts.candidates > expect.maxEvals)
    out.push(`${facts.candidates} candidates started, over --max-evals ${expect.maxEvals}`);
  if (facts.pending > expect.workers)
    out.push(`${facts.pending} candidates await evaluation, more than ${expect.workers} workers`);
  for (const [candidate, evaluation] of expect.previous?.links ?? []) {
    const now = facts.links.get(candidate);
    if (now !== evaluation)
      out.push(
        `candidate ${candidate} was acknowledged with evaluation ${evaluation}, now ${now ?? "none"}`,
      );
  }
  if (expect.previous && facts.ledgerSize < expect.previous.ledgerSize)
    out.push(`the ledger shrank from ${expect.previous.ledgerSize} to ${facts.ledgerSize} entries`);
  return out;
}

/** Facts as JSON, to pass between processes (the disk-full test checks inside a namespace). */
export function factsToJson(facts: StoreFacts): string {
  return JSON.stringify({
    ...facts,
    links: [...facts.links],
    acknowledgedPrograms: [...facts.acknowledgedPrograms],
  });
}

export function factsFromJson(text: string): StoreFacts {
  const raw = JSON.parse(text) as StoreFacts & {
    links: [number, number][];
    acknowledgedPrograms: number[];
  };
  return {
    ...raw,
    links: new Map(raw.links),
    acknowledgedPrograms: new Set(raw.acknowledgedPrograms),
  };
}
