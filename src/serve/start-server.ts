/**
 * Puts the dashboard on a socket (@hono/node-server): 127.0.0.1 unless told
 * otherwise, a fresh access token, and the URL to open. On a loopback address
 * only requests naming that address (or localhost) with the port are answered.
 *
 * The session cookie is named after the port (`steward_token_8123`): browsers
 * keep cookies per host, not per port, so two dashboards on one machine with
 * one cookie name would overwrite each other's token and log each other out.
 * Once listening, it reads every run in the background (`ServedProblem.warm`)
 * so the first page a person opens is served from memory.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createServeApp } from "./app.ts";
import { newAccessToken } from "./auth.ts";
import { ServedProblem } from "./served-problem.ts";

export interface ServeOptions {
  folders: readonly string[];
  host: string;
  /** 0: any free port. */
  port: number;
  as: string | null;
  /** Fixed token (tests); default a fresh random one. */
  token?: string;
  /** The session cookie's name; default `steward_token_PORT`. */
  cookieName?: string;
}

export interface RunningServer {
  url: string;
  /** The URL with the access token, to open in a browser. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return (
    host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/** The session cookie of the dashboard on `port`: one per port, so dashboards do not clobber each other. */
export function sessionCookieName(port: number): string {
  return `steward_token_${port}`;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const problems = options.folders.map((folder, index) => new ServedProblem(index, folder));
  for (const p of problems) p.session(); // a bad folder fails now, not on the first click
  const token = options.token ?? newAccessToken();
  const allowed: string[] = [];
  // The app is made once the port is known (it names the cookie); nothing is served before.
  let app: ReturnType<typeof createServeApp> | null = null;
  const hostname = options.host.replace(/^\[(.*)\]$/, "$1");
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response("starting\n", { status: 503 }),
        port: options.port,
        hostname,
      },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  app = createServeApp({
    problems,
    token,
    cookieName: options.cookieName ?? sessionCookieName(port),
    allowedHosts: allowed,
    as: options.as,
  });
  let closed = false;
  setImmediate(() => {
    for (const p of problems) {
      if (closed) return;
      try {
        p.warm();
      } catch {
        // A problem that cannot be read now says why on its pages.
      }
    }
  });
  const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
  if (isLoopback(hostname)) allowed.push(`${shown}:${port}`, `localhost:${port}`);
  const url = `http://${shown}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    close: () =>
      new Promise((resolve) => {
        closed = true;
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        for (const p of problems) p.close();
      }),
  };
}
