/**
 * The evaluator's handle on a JS/TS candidate: a sandboxed Node process that
 * answers calls over a framed socket. Every reply is untrusted: its shape is
 * checked, its size capped, and a reply that does not fit is a crash.
 */
import fs from "node:fs";
import type { Writable } from "node:stream";
import type { SandboxBackend } from "../../sandbox/backend.ts";
import type { SandboxExit, SandboxProcess } from "../../sandbox/launch.ts";
import type { SandboxLimits } from "../../sandbox/limits.ts";
import { startNodeHost } from "../../sandbox/node-host.ts";
import { encodeFrame, FrameReader } from "../../sandbox/runtime/framing.ts";
import type { HostRequest, LoadRequest } from "../../sandbox/runtime/messages.ts";
import { CandidateError, kindOfCandidateThrow } from "./candidate-error.ts";

const MAX_REPLY_BYTES = 64 << 20;

interface Pending {
  resolve(value: unknown): void;
  reject(error: CandidateError): void;
  timer: NodeJS.Timeout;
}

export class JsCandidate {
  readonly process: SandboxProcess;
  exports: string[] = [];
  driverFunctions: string[] = [];
  /** The failure that ended the sandbox, once it has ended. */
  fatal: CandidateError | null = null;
  readonly #limits: SandboxLimits;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #ready: Promise<void>;
  readonly exit: Promise<SandboxExit>;

  readonly #codeDir: string;
  readonly #channel: Writable;
  #loadRequested = false;

  /**
   * Starts the sandbox; it loads nothing until `load`. With `ownsCodeDir`, the
   * code folder is this sandbox's own (a spare's), removed when it ends.
   */
  constructor(
    backend: SandboxBackend,
    codeDir: string,
    hasDriver: boolean,
    limits: SandboxLimits,
    { ownsCodeDir = false } = {},
  ) {
    this.#limits = limits;
    this.#codeDir = codeDir;
    const host = startNodeHost(backend, { codeDir, hasDriver }, limits);
    this.process = host.process;
    let onReady: (error?: CandidateError) => void = () => {};
    this.#ready = new Promise<void>((resolve, reject) => {
      onReady = (error) => (error ? reject(error) : resolve());
    });
    const reader = new FrameReader(MAX_REPLY_BYTES, (message) => this.#onMessage(message, onReady));
    host.channel.on("data", (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        this.process.kill("crashed", `bad message from the sandbox: ${(error as Error).message}`);
      }
    });
    host.channel.on("error", () => {});
    this.#channel = host.channel;
    this.exit = this.process.exited.then((exit) => {
      // Ending it ourselves after the evaluation is not the candidate's failure.
      if (exit.reason !== "stopped") this.fatal ??= failureFromExit(exit, this.process.stderr());
      const failure = this.fatal ?? failureFromExit(exit, "");
      onReady(failure);
      for (const [id, p] of this.#pending) {
        clearTimeout(p.timer);
        p.reject(failure);
        this.#pending.delete(id);
      }
      if (ownsCodeDir) fs.rmSync(codeDir, { recursive: true, force: true });
      return exit;
    });
    this.#ready.catch(() => {});
  }

  /**
   * Has the host load the candidate whose compiled files are in `source`: copied
   * first into the sandbox's own code folder when that is another (a spare's,
   * which nothing but this process writes). The load time limit starts now.
   */
  load(source: string): void {
    if (this.#loadRequested) throw new Error("JsCandidate.load: already loading");
    this.#loadRequested = true;
    if (source !== this.#codeDir) fs.cpSync(source, this.#codeDir, { recursive: true });
    const loadTimer = setTimeout(
      () => this.process.kill("timeout", `did not load within ${this.#limits.callTimeoutMs} ms`),
      this.#limits.callTimeoutMs,
    );
    this.#ready.finally(() => clearTimeout(loadTimer)).catch(() => {});
    this.#channel.write(encodeFrame({ t: "load" } satisfies LoadRequest));
  }

  /** Resolves when the candidate module loaded (after `load`); rejects with its load failure. */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  call(name: string, args: unknown[], timeoutMs = this.#limits.callTimeoutMs): Promise<unknown> {
    return this.#request({ t: "call", id: 0, name, args }, timeoutMs);
  }

  driver(name: string, args: unknown[], timeoutMs: number): Promise<unknown> {
    return this.#request({ t: "driver", id: 0, name, args }, timeoutMs);
  }

  async stop(): Promise<SandboxExit> {
    this.process.kill("stopped");
    return this.exit;
  }

  async #request(request: HostRequest, timeoutMs: number): Promise<unknown> {
    await this.#ready;
    if (this.fatal) throw this.fatal;
    const id = this.#nextId++;
    const frame = encodeFrame({ ...request, id });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const what = request.t === "call" ? `call to ${request.name}` : `driver ${request.name}`;
        this.process.kill("timeout", `${what} ran past ${timeoutMs} ms`);
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#channel.write(frame);
    });
  }

  #onMessage(message: unknown, onReady: (error?: CandidateError) => void): void {
    if (typeof message !== "object" || message === null) {
      this.#protocolError("not an object");
      return;
    }
    const m = message as Record<string, unknown>;
    if (m.t === "ready") {
      this.exports = stringList(m.exports);
      this.driverFunctions = stringList(m.driverFunctions);
      onReady();
      return;
    }
    if (m.t === "load-error") {
      const text = errorText(m.error);
      const failure = new CandidateError(
        kindOfCandidateThrow(text),
        `the candidate failed to load: ${text}`,
        {
          fatal: true,
          detail: errorStack(m.error),
        },
      );
      this.fatal ??= failure;
      onReady(failure);
      this.process.kill("crashed", failure.message);
      return;
    }
    const pending = typeof m.id === "number" ? this.#pending.get(m.id) : undefined;
    if (!pending) {
      this.#protocolError("reply to no request");
      return;
    }
    this.#pending.delete(m.id as number);
    clearTimeout(pending.timer);
    if (m.t === "result") {
      pending.resolve(m.value);
      return;
    }
    if (m.t === "error") {
      const text = errorText(m.error);
      const kind = kindOfCandidateThrow(text);
      pending.reject(
        new CandidateError(kind, `the candidate threw ${text}`, {
          fatal: false,
          detail: errorStack(m.error),
        }),
      );
      return;
    }
    this.#protocolError(`unknown message type ${String(m.t)}`);
  }

  #protocolError(why: string): void {
    this.process.kill("crashed", `protocol violation from the sandbox: ${why}`);
  }
}

function failureFromExit(exit: SandboxExit, stderr: string): CandidateError {
  const kind = exit.outcome === "ok" ? "crashed" : exit.outcome;
  const why =
    exit.detail || (exit.outcome === "ok" ? "the candidate process exited" : exit.outcome);
  return new CandidateError(kind, `sandbox ended: ${why}`, {
    fatal: true,
    detail: stderr.slice(-4000),
  });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string").slice(0, 1000)
    : [];
}

function errorText(value: unknown): string {
  if (typeof value !== "object" || value === null) return "an unknown error";
  const e = value as Record<string, unknown>;
  const name = typeof e.name === "string" ? e.name.slice(0, 100) : "Error";
  const message = typeof e.message === "string" ? e.message.slice(0, 2000) : "";
  return `${name}: ${message}`;
}

function errorStack(value: unknown): string {
  const stack = (value as Record<string, unknown> | null)?.stack;
  return typeof stack === "string" ? stack.slice(0, 4000) : "";
}
