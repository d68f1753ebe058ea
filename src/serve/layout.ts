/**
 * The dashboard's page shell and the headers every answer carries: a Content
 * Security Policy that lets nothing load from elsewhere and runs only the
 * page's own script (by nonce), so even markup that slipped past escaping could
 * not run; no caching, no referrer to other sites, no framing. (Not
 * "no-referrer": Chromium then sends `Origin: null` with the forms, which the
 * CSRF check must refuse.)
 */
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { type Html, html, trusted } from "../report/html-text.ts";
import { STYLES } from "../report/styles.ts";

export interface PageOptions {
  title: string;
  /** The problem's index and name, for the navigation. */
  problem?: { index: number; name: string };
  body: Html;
  /** The page's own script (fixed code, never built from data). */
  script?: string;
  status?: 200 | 400 | 403 | 404 | 409 | 500;
}

export function securityHeaders(nonce: string | null): Record<string, string> {
  return {
    "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; script-src ${nonce ? `'nonce-${nonce}'` : "'none'"}`,
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
  };
}

export function page(c: Context, options: PageOptions): Response {
  const nonce = options.script ? randomBytes(16).toString("base64") : null;
  const p = options.problem;
  const nav = p
    ? html`<a href="/p/${p.index}">runs</a> <a href="/p/${p.index}/proposals">proposals</a> <a href="/p/${p.index}/ledger">ledger</a>`
    : "";
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${options.title} - steward</title><style>${trusted(STYLES)}</style></head>
<body><header><b><a href="/">steward</a></b>${p ? html` <span>${p.name}</span>` : ""} ${nav}</header>
<main><h1>${options.title}</h1>
${options.body}</main>
${nonce ? trusted(`<script nonce="${nonce}">${options.script}</script>`) : ""}
</body></html>`;
  return c.html(body.value, options.status ?? 200, securityHeaders(nonce));
}
