/**
 * The review queue and one proposal's page, with the verdict form. The form
 * posts to `verdict`, which signs on the server with the key chosen at start
 * (`steward serve --as NAME`: the private key never reaches the browser) after
 * the reviewer typed the first 8 characters of the content hash, through the
 * same oversight code as `steward approve` / `reject` (decideProposal).
 *
 * Once a proposal has the approvals it needs, its page offers a deploy button
 * that carries the full content hash the page showed: `deploy` refuses when
 * the proposal's hash is no longer that one, then runs `steward deploy`'s own
 * code (deployProposal), which checks the signatures over that hash and
 * re-hashes the exact bytes it writes. What was approved is what is deployed.
 */
import type { Context } from "hono";
import { z } from "zod";
import { isStewardError } from "../../errors.ts";
import { approvalState } from "../../oversight/approval-state.ts";
import { decideProposal } from "../../oversight/decide-proposal.ts";
import { deployProposal } from "../../oversight/deploy.ts";
import { loadProposal } from "../../oversight/proposal-check.ts";
import type { ProposalContent } from "../../oversight/proposal-content.ts";
import { supersededProposals } from "../../oversight/supersede.ts";
import { type Html, html } from "../../report/html-text.ts";
import { proposalHtml, proposalSummary } from "../../report/proposal-html.ts";
import type { ProposalRecord } from "../../store/oversight-store.ts";
import { page } from "../layout.ts";
import type { ProblemSession } from "../served-problem.ts";

/**
 * The queue in three parts: open proposals waiting for review, best objective
 * first (newest on a tie); superseded ones (supersede.ts), kept out of the
 * way; then the decided and blocked ones, newest first.
 */
function queueParts(s: ProblemSession, superseded: ReadonlyMap<number, number>) {
  const proposals = s.store.oversight.listProposals();
  const sign = s.problem.charter.objective.direction === "minimize" ? 1 : -1;
  const objective = (p: ProposalRecord) => (p.content as ProposalContent).objective.candidate;
  const open = proposals.filter((p) => p.status === "open" && !superseded.has(p.id));
  open.sort((a, b) => sign * (objective(a) - objective(b)) || b.id - a.id);
  const newestFirst = (a: ProposalRecord, b: ProposalRecord) => b.id - a.id;
  return {
    open,
    superseded: proposals.filter((p) => superseded.has(p.id)).sort(newestFirst),
    rest: proposals.filter((p) => p.status !== "open").sort(newestFirst),
  };
}

export function proposalsPage(c: Context, s: ProblemSession): Response {
  const superseded = supersededProposals(s.store, s.problem.charter.objective.direction);
  const parts = queueParts(s, superseded);
  const table = (list: ProposalRecord[]) =>
    html`<table><tr><th>id</th><th>objective</th><th>gates</th><th>made</th></tr>${list.map(
      (p) =>
        html`<tr data-proposal="${p.id}"><td><a href="/p/${s.index}/proposals/${p.id}">#${p.id}</a></td><td>${proposalSummary(p, superseded.get(p.id))}</td><td>${(p.content as ProposalContent).gates.map((g) => html`<span class="status ${g.status}">${g.gate}</span> `)}</td><td>${p.createdAt}</td></tr>`,
    )}</table>`;
  const body = html`<h2>Waiting for review</h2>
${parts.open.length ? table(parts.open) : html`<p class="muted">no open proposals</p>`}
${parts.superseded.length ? html`<details class="superseded"><summary>${parts.superseded.length} superseded: a newer, better proposal against the same champion passed the same gates (kept, and approvable from its page)</summary>${table(parts.superseded)}</details>` : ""}
<h2>Decided and blocked</h2>
${parts.rest.length ? table(parts.rest) : html`<p class="muted">none yet</p>`}`;
  return page(c, {
    title: "Proposals",
    problem: { index: s.index, name: s.problem.charter.name },
    body,
  });
}

export interface ReviewerOptions {
  /** The key name verdicts are signed with; null: the dashboard is read-only. */
  as: string | null;
  csrf: string;
}

export function proposalPage(
  c: Context,
  s: ProblemSession,
  id: number,
  reviewer: ReviewerOptions,
  notice?: { ok: boolean; text: string },
): Response {
  const problem = { index: s.index, name: s.problem.charter.name };
  let proposal: ProposalRecord;
  try {
    proposal = loadProposal(s.store, id);
  } catch (error) {
    const text = isStewardError(error) ? error.message : String(error);
    return page(c, {
      title: `Proposal ${id}`,
      problem,
      body: html`<p class="result failed">${text}</p>`,
      status: 404,
    });
  }
  const approvals = approvalState(s.problem, s.store, proposal);
  const by = supersededProposals(s.store, s.problem.charter.objective.direction).get(id);
  const body = html`${notice ? html`<p class="result ${notice.ok ? "ok" : "failed"}">${notice.text}</p>` : ""}
${by !== undefined ? html`<p class="result superseded" data-superseded-by="${by}">Superseded by <a href="/p/${s.index}/proposals/${by}">proposal ${by}</a>: newer, better on the objective, against the same champion, with the same gates. Review that one; this one is kept and can still be approved or rejected below.</p>` : ""}
${proposalHtml(proposal, s.store.oversight.verdicts(id), approvals, {
  programHref: (programId) =>
    `/p/${s.index}/programs/${programId}${proposal.runId !== null ? `?run=${proposal.runId}` : ""}`,
})}
${proposal.status === "open" ? verdictForm(s, proposal, reviewer, by) : ""}
${approvals?.allowed && reviewer.as ? deployForm(s, proposal, reviewer) : ""}`;
  return page(c, {
    title: `Proposal ${id}`,
    problem,
    body,
    status: notice && !notice.ok ? 409 : 200,
  });
}

function verdictForm(
  s: ProblemSession,
  p: ProposalRecord,
  reviewer: ReviewerOptions,
  supersededBy: number | undefined,
): Html {
  if (!reviewer.as) {
    return html`<p class="muted">read-only: start "steward serve" with --as NAME to approve or reject here</p>`;
  }
  return html`<form class="verdict" method="post" action="/p/${s.index}/proposals/${p.id}/verdict">
<input type="hidden" name="csrf" value="${reviewer.csrf}">
<p>Signing as <b>${reviewer.as}</b>. Type the first 8 characters of the content hash to confirm you reviewed this exact content:
<input name="hash" autocomplete="off" maxlength="8" required aria-label="first 8 characters of the content hash"></p>
${supersededBy !== undefined ? html`<p><label><input type="checkbox" name="include_superseded" value="yes" required> I review this one although proposal ${supersededBy} supersedes it</label></p>` : ""}
<p><textarea name="message" rows="2" cols="60" placeholder="message for the ledger (required to reject)" aria-label="message"></textarea></p>
<button name="verdict" value="approve">Approve</button> <button name="verdict" value="reject">Reject (veto)</button>
</form>`;
}

function deployForm(s: ProblemSession, p: ProposalRecord, reviewer: ReviewerOptions): Html {
  return html`<form class="verdict deploy" method="post" action="/p/${s.index}/proposals/${p.id}/deploy">
<input type="hidden" name="csrf" value="${reviewer.csrf}"><input type="hidden" name="contentHash" value="${p.contentHash}">
<p>It has the approvals it needs. Deploying writes program ${p.programId} to <code>${s.problem.charter.deploy.target}</code>${s.problem.charter.deploy.git ? " and commits it with git" : ""}, as "steward deploy ${s.problem.dir} ${p.id}" does.</p>
<button name="deploy" value="deploy">Deploy</button></form>`;
}

/**
 * A POST from a proposal's page: refused on a read-only dashboard; `act` runs
 * with the reviewer's key name, and what it refuses or throws is shown on the
 * page (409) with nothing done.
 */
async function proposalAction(
  c: Context,
  s: ProblemSession,
  id: number,
  reviewer: ReviewerOptions,
  act: (as: string, fail: (text: string) => Response) => Response | Promise<Response>,
): Promise<Response> {
  const fail = (text: string) => proposalPage(c, s, id, reviewer, { ok: false, text });
  if (!reviewer.as)
    return fail('this dashboard is read-only: restart "steward serve" with --as NAME');
  try {
    return await act(reviewer.as, fail);
  } catch (error) {
    return fail(isStewardError(error) ? error.message : String(error));
  }
}

const DeployForm = z.object({ contentHash: z.string() });

/** POST .../deploy: the content hash the page showed must still be the proposal's; then deploys as the CLI does. */
export async function postDeploy(
  c: Context,
  s: ProblemSession,
  id: number,
  reviewer: ReviewerOptions,
): Promise<Response> {
  return proposalAction(c, s, id, reviewer, async (_as, fail) => {
    const form = DeployForm.safeParse(await c.req.parseBody());
    const proposal = s.store.oversight.getProposal(id);
    if (!proposal) return fail(`there is no proposal ${id}`);
    if (!form.success || form.data.contentHash !== proposal.contentHash) {
      return fail(
        `proposal ${id}'s content hash is not the one this page showed (${form.success ? form.data.contentHash.slice(0, 16) : "none"}...): nothing was deployed; reload the page and review it again`,
      );
    }
    const result = deployProposal(s.problem, s.store, s.ledger, id);
    const text = `deployed proposal ${id} (program ${result.programId}) to ${result.target}, approved by ${result.approvedBy.map((a) => a.name).join(", ")}${result.commit ? `; git commit ${result.commit.slice(0, 12)}` : ""}`;
    return proposalPage(c, s, id, reviewer, { ok: true, text });
  });
}

const VerdictForm = z.object({
  verdict: z.enum(["approve", "reject"]),
  include_superseded: z.literal("yes").optional(),
  hash: z.string().trim().toLowerCase(),
  message: z.string().default(""),
});

/** POST .../verdict: checks the typed hash prefix, then signs and ledgers as the CLI does. */
export async function postVerdict(
  c: Context,
  s: ProblemSession,
  id: number,
  reviewer: ReviewerOptions,
): Promise<Response> {
  return proposalAction(c, s, id, reviewer, async (as, fail) => {
    const form = VerdictForm.safeParse(await c.req.parseBody());
    if (!form.success)
      return fail("the form is incomplete: choose approve or reject and type the hash prefix");
    const { verdict, hash, message } = form.data;
    const proposal = s.store.oversight.getProposal(id);
    if (!proposal) return fail(`there is no proposal ${id}`);
    if (hash.length !== 8 || !proposal.contentHash.startsWith(hash)) {
      return fail(
        `the 8 characters typed ("${hash}") are not the start of proposal ${id}'s content hash: nothing was signed`,
      );
    }
    if (verdict === "reject" && message.trim() === "")
      return fail("a rejection needs a message saying why");
    const decision = decideProposal(s.problem, s.store, s.ledger, {
      proposalId: id,
      verdict,
      as,
      message,
      includeSuperseded: form.data.include_superseded === "yes",
    });
    const text =
      verdict === "reject"
        ? `rejected proposal ${id} as ${as}; it can no longer be deployed`
        : `approved proposal ${id} as ${as}; ${decision.deployed ? `deployed to ${decision.deployed.target} (deploy.auto)` : decision.deployable?.allowed ? `it has the approvals it needs: deploy it with the button below or "steward deploy ${s.problem.dir} ${id}"` : decision.deployable?.reason}`;
    return proposalPage(c, s, id, reviewer, { ok: true, text });
  });
}
