/**
 * Who may talk to `steward serve`. The dashboard can sign verdicts with the
 * reviewer's key, so every route needs the random access token printed in the
 * URL at start (as Jupyter does): the first request brings it as `?token=`, is
 * answered with an HttpOnly, SameSite=Strict cookie and redirected to the same
 * page without it (so it does not linger in the address bar or history).
 * Scripts may send `Authorization: Bearer TOKEN` instead.
 *
 * Mutating requests (POST) also need the CSRF token the pages embed in their
 * forms (derived from the access token, so no state is kept), and are refused
 * when the browser says they come from another site (Origin, Sec-Fetch-Site).
 * On a loopback bind, a Host header naming another host is refused too: a page
 * elsewhere cannot reach the dashboard by rebinding its DNS name to 127.0.0.1.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export interface AccessOptions {
  token: string;
  /** Cookie names are per port: two dashboards on one host keep their own. */
  cookieName: string;
  /** Hosts (host:port) a request may name; empty: any (a non-loopback bind). */
  allowedHosts: readonly string[];
}

/** A fresh access token: 192 random bits, URL-safe. */
export function newAccessToken(): string {
  return randomBytes(24).toString("base64url");
}

/** The CSRF token forms carry: bound to the access token, useless without it. */
export function csrfToken(token: string): string {
  return createHmac("sha256", token).update("steward-serve-csrf").digest("base64url");
}

export function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refuse = (c: Context, status: 401 | 403, message: string) =>
  c.text(`${message}\n`, status, { "Cache-Control": "no-store" });

export function accessGuard(options: AccessOptions): MiddlewareHandler {
  const csrf = csrfToken(options.token);
  return async (c, next): Promise<Response | undefined> => {
    const url = new URL(c.req.url);
    if (options.allowedHosts.length && !options.allowedHosts.includes(url.host)) {
      return refuse(
        c,
        403,
        `steward serve: unexpected Host "${url.host}"; open the URL steward serve printed`,
      );
    }
    const query = url.searchParams.get("token");
    if (query !== null && sameSecret(query, options.token) && c.req.method === "GET") {
      setCookie(c, options.cookieName, options.token, {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
      });
      url.searchParams.delete("token");
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const bearer = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
    const authorised =
      sameSecret(getCookie(c, options.cookieName), options.token) ||
      sameSecret(bearer, options.token);
    if (!authorised) {
      return refuse(
        c,
        401,
        'steward serve: open the URL with the access token that "steward serve" printed',
      );
    }
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const problem = await crossSite(c, url, csrf);
      if (problem)
        return refuse(c, 403, `steward serve: refused (${problem}); reload the page and try again`);
    }
    await next();
    return undefined;
  };
}

/** Why a mutating request looks forged, or null. */
async function crossSite(c: Context, url: URL, csrf: string): Promise<string | null> {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") return `a ${site} request`;
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== url.origin) return `from another origin ${origin}`;
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const given = form.csrf;
  if (!sameSecret(typeof given === "string" ? given : null, csrf))
    return "a missing or wrong CSRF token";
  return null;
}
