/**
 * A real redis-server for a test or a bench: on 127.0.0.1, a free port, its
 * own temp folder. By default without persistence (a restart empties it, as a
 * crash of an unpersisted Redis would); `persist` turns on the append-only
 * file with an fsync per write, so a restart keeps every acknowledged write.
 * `password` turns on AUTH (requirepass); `tls` serves TLS only, with a CA and
 * a certificate for 127.0.0.1 made with openssl in the temp folder. Stopped by
 * the caller.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { waitUntil } from "../helpers/wait.ts";

export interface RedisOptions {
  persist?: boolean;
  password?: string;
  tls?: boolean;
}

export interface TestRedis {
  /** redis:// (or rediss://) URL, never with the password in it. */
  url: string;
  port: number;
  /** With `tls`: the CA certificate that signed the server's (for STEWARD_QUEUE_CA). */
  caFile: string | null;
  /** Kills it (SIGKILL) and starts it again on the same port: empty unless `persist`. */
  restart(): Promise<void>;
  /** Kills it (SIGKILL) and leaves it down: clients see a dead server. */
  down(): Promise<void>;
  /** Starts it again after `down()`. */
  up(): Promise<void>;
  /** The server's log so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-redis-"));
  const port = await freePort();
  const tls = options.tls ? makeCertificates(dir) : null;
  const args = [
    ...(tls
      ? [
          "--port",
          "0",
          "--tls-port",
          String(port),
          "--tls-cert-file",
          tls.cert,
          "--tls-key-file",
          tls.key,
          "--tls-ca-cert-file",
          tls.ca,
          "--tls-auth-clients",
          "no",
        ]
      : ["--port", String(port)]),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    ...(options.persist
      ? ["--appendonly", "yes", "--appendfsync", "always"]
      : ["--appendonly", "no"]),
    ...(options.password ? ["--requirepass", options.password] : []),
    "--dir",
    dir,
  ];
  let child: ChildProcess | null = null;
  let output = "";
  const start = async () => {
    const started = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    let mine = "";
    const take = (d: Buffer) => {
      mine += d.toString();
      output += d.toString();
    };
    started.stdout?.on("data", take);
    started.stderr?.on("data", take);
    await waitUntil(
      () => mine.includes("Ready to accept connections") || started.exitCode !== null,
      "redis-server to start",
    );
    if (started.exitCode !== null) throw new Error(`redis-server did not start: ${mine}`);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await gone;
  };
  await start();
  return {
    url: `${tls ? "rediss" : "redis"}://127.0.0.1:${port}`,
    port,
    caFile: tls?.ca ?? null,
    restart: async () => {
      await kill();
      await start();
    },
    down: kill,
    up: start,
    log: () => output,
    stop: async () => {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A CA and a server certificate for 127.0.0.1 it signed, made with openssl. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl("genrsa", "-out", file("ca.key"), "2048");
  openssl(
    "req",
    "-x509",
    "-new",
    "-key",
    file("ca.key"),
    "-sha256",
    "-days",
    "1",
    "-subj",
    "/CN=steward test CA",
    "-out",
    file("ca.crt"),
  );
  openssl("genrsa", "-out", file("server.key"), "2048");
  openssl(
    "req",
    "-new",
    "-key",
    file("server.key"),
    "-subj",
    "/CN=127.0.0.1",
    "-out",
    file("server.csr"),
  );
  fs.writeFileSync(file("san.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.crt"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "1",
    "-sha256",
    "-extfile",
    file("san.ext"),
    "-out",
    file("server.crt"),
  );
  return { ca: file("ca.crt"), cert: file("server.crt"), key: file("server.key") };
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
