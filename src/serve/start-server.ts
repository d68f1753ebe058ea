/**
 * Puts the dashboard on a socket (@hono/node-server): 127.0.0.1 unless told
 * otherwise, a fresh access token, and the URL to open. On a loopback address
 * only requests naming that address (or localhost) with the port are answered.
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

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const problems = options.folders.map((folder, index) => new ServedProblem(index, folder));
  for (const p of problems) p.session(); // a bad folder fails now, not on the first click
  const token = options.token ?? newAccessToken();
  const allowed: string[] = [];
  const app = createServeApp({
    problems,
    token,
    cookieName: "steward_token",
    allowedHosts: allowed,
    as: options.as,
  });
  const hostname = options.host.replace(/^\[(.*)\]$/, "$1");
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
  if (isLoopback(hostname)) allowed.push(`${shown}:${port}`, `localhost:${port}`);
  const url = `http://${shown}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        for (const p of problems) p.close();
      }),
  };
}
