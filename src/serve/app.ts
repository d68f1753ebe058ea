/**
 * The dashboard as a Hono app: every route behind the access guard (token,
 * CSRF, Host), pages rendered on the server from the problems' stores, and
 * one server-sent event stream per problem for live run counters.
 * `app.request()` drives it in tests; `start-server.ts` puts it on a socket.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { isStewardError } from "../errors.ts";
import { html } from "../report/html-text.ts";
import { accessGuard, csrfToken } from "./auth.ts";
import { page, securityHeaders } from "./layout.ts";
import { ledgerPage, verifyResult } from "./pages/ledger.ts";
import { populationPage } from "./pages/population.ts";
import { programPage } from "./pages/program.ts";
import { postDeploy, postVerdict, proposalPage, proposalsPage } from "./pages/proposals.ts";
import { problemPage, runPage } from "./pages/runs.ts";
import type { ServedProblem } from "./served-problem.ts";

export interface ServeAppOptions {
  problems: readonly ServedProblem[];
  token: string;
  cookieName: string;
  /** host:port values a request may name (loopback binds); empty: any. */
  allowedHosts: readonly string[];
  /** Reviewer key name (`--as`); null: read-only. */
  as: string | null;
  /** How often the event stream reports (ms). */
  eventIntervalMs?: number;
}

export function createServeApp(options: ServeAppOptions): Hono {
  const app = new Hono();
  const csrf = csrfToken(options.token);
  const reviewer = { as: options.as, csrf };
  app.use("*", accessGuard(options));

  app.get("/", (c) => {
    if (options.problems.length === 1) return c.redirect("/p/0");
    const list = options.problems.map((p) => html`<li><a href="/p/${p.index}">${p.dir}</a></li>`);
    return page(c, { title: "Problems", body: html`<ul>${list}</ul>` });
  });

  const problemOf = (n: string) => options.problems[Number(n)];
  const id = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

  app.get("/p/:n", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s, sp) => problemPage(c, sp, s)),
  );
  app.get("/p/:n/runs/:run", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s, sp) =>
      runPage(c, sp, s, id(c.req.param("run"))),
    ),
  );
  app.get("/p/:n/runs/:run/population", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s, sp) =>
      populationPage(c, sp, s, id(c.req.param("run"))),
    ),
  );
  app.get("/p/:n/programs/:id", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s, sp) => {
      const run = c.req.query("run");
      return programPage(c, sp, s, id(c.req.param("id")), run ? id(run) : null);
    }),
  );
  app.get("/p/:n/proposals", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s) => proposalsPage(c, s)),
  );
  app.get("/p/:n/proposals/:id", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s) =>
      proposalPage(c, s, id(c.req.param("id")), reviewer),
    ),
  );
  app.post("/p/:n/proposals/:id/verdict", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s) =>
      postVerdict(c, s, id(c.req.param("id")), reviewer),
    ),
  );
  app.post("/p/:n/proposals/:id/deploy", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s) =>
      postDeploy(c, s, id(c.req.param("id")), reviewer),
    ),
  );
  app.get("/p/:n/ledger", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s) => ledgerPage(c, s, csrf)),
  );
  app.post("/p/:n/ledger/verify", (c) =>
    withSession(c, problemOf(c.req.param("n")), (s) => ledgerPage(c, s, csrf, verifyResult(s))),
  );
  app.get("/p/:n/events", (c) => {
    const served = problemOf(c.req.param("n"));
    if (!served) return c.text("no such problem\n", 404);
    for (const [name, value] of Object.entries(securityHeaders(null))) c.header(name, value);
    return streamSSE(c, async (stream) => {
      while (!stream.aborted && !stream.closed) {
        const session = served.session();
        const runs = session.store.runs.list().map((r) => ({
          id: r.id,
          status: r.status,
          evaluated: served.runView(session, r.id)?.report().evaluated ?? 0,
        }));
        await stream.writeSSE({ event: "runs", data: JSON.stringify(runs) });
        await stream.sleep(options.eventIntervalMs ?? 1000);
      }
    });
  });
  return app;
}

type Session = ReturnType<ServedProblem["session"]>;

async function withSession(
  c: Parameters<typeof page>[0],
  served: ServedProblem | undefined,
  fn: (s: Session, served: ServedProblem) => Response | Promise<Response>,
): Promise<Response> {
  if (!served)
    return page(c, {
      title: "No such problem",
      body: html`<p><a href="/">the problems served</a></p>`,
      status: 404,
    });
  try {
    return await fn(served.session(), served);
  } catch (error) {
    const message = isStewardError(error) ? error.message : `unexpected error: ${String(error)}`;
    return page(c, {
      title: "Error",
      body: html`<p class="result failed">${message}</p>`,
      status: 500,
    });
  }
}
