/**
 * The ledger's history (newest first, the latest 500) and a verify button that
 * runs the same checks as `steward audit verify` (the Merkle log and its signed
 * checkpoints, then the store's oversight rows against it) and shows the result.
 */
import type { Context } from "hono";
import { summarizeData } from "../../ledger/summarize-entry.ts";
import { verifyLedger } from "../../ledger/verify-ledger.ts";
import { verifyStore } from "../../oversight/verify-store.ts";
import { type Html, html } from "../../report/html-text.ts";
import { page } from "../layout.ts";
import type { ProblemSession } from "../served-problem.ts";

const SHOWN = 500;

export function ledgerPage(c: Context, s: ProblemSession, csrf: string, result?: Html): Response {
  const entries = s.ledger.entries();
  const shown = entries.slice(-SHOWN).reverse();
  const body = html`${result ?? ""}
<form method="post" action="/p/${s.index}/ledger/verify"><input type="hidden" name="csrf" value="${csrf}">
<button>Verify the ledger and the store</button> <span class="muted">(as "steward audit verify ${s.problem.dir}")</span></form>
<p>${entries.length} entries${entries.length > SHOWN ? `, the latest ${SHOWN} shown` : ""}.</p>
<table><tr><th>#</th><th>time</th><th>kind</th><th>summary</th></tr>
${shown.map((e) => html`<tr><td class="n">${e.index}</td><td>${e.time}</td><td>${e.kind}</td><td>${summarizeData(e.data)}</td></tr>`)}</table>`;
  return page(c, {
    title: "Ledger",
    problem: { index: s.index, name: s.problem.charter.name },
    body,
  });
}

export function verifyResult(s: ProblemSession): Html {
  const ledger = verifyLedger(s.store, s.problem.dir, {
    pinned: s.problem.charter.ledger.publicKey ?? null,
    keys: [],
    witnesses: [],
  });
  const rows = verifyStore(s.store);
  const ok = ledger.ok && rows.ok;
  return html`<div class="result ${ok ? "ok" : "failed"}" data-verify="${ok ? "ok" : "failed"}">
<p>${ledger.ok ? `ledger ok: ${ledger.size} entries, root ${ledger.root}, ${ledger.checkpoints} signed checkpoints${ledger.publicKey ? ` by ${ledger.publicKey}` : ""}` : `ledger FAILED (${ledger.problem}): ${ledger.message}`}</p>
${ledger.ok ? ledger.warnings.map((w) => html`<p>warning: ${w}</p>`) : ""}
<p>${rows.ok ? `store ok: ${rows.rows} oversight rows match the ledger` : `store FAILED: ${rows.findings.length} row(s) differ from the ledger`}</p>
${rows.findings.map((f) => html`<p>${f.message}</p>`)}</div>`;
}
