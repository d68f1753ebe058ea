/**
 * Runs inside the sandbox: once the evaluator asks (the first frame on the
 * channel fd, so the process can start before its candidate exists), loads the
 * candidate module (and, in search mode, the trusted driver next to it) and
 * answers calls from the evaluator over the channel. Everything here shares a
 * realm with untrusted code, so nothing here is trusted by the other side; it
 * only has to be correct for honest code.
 */
import { Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { encodeFrame, FrameReader } from "./framing.ts";
import {
  errorInfo,
  type HostConfig,
  type HostReply,
  type HostRequest,
  type LoadRequest,
} from "./messages.ts";

type Fn = (...args: unknown[]) => unknown;
type Module = Record<string, unknown>;

const config = JSON.parse(process.argv[2] ?? "{}") as HostConfig;

// stdout/stderr are sockets here, which Node writes asynchronously: a candidate
// could queue a gigabyte and return before any of it is read. Blocking writes make
// output count (and hit the output cap) while the candidate is still running.
for (const stream of [process.stdout, process.stderr]) {
  (stream as unknown as { _handle?: { setBlocking?(on: boolean): void } })._handle?.setBlocking?.(
    true,
  );
}
const channel = new Socket({ fd: config.channelFd, readable: true, writable: true });
const send = (reply: HostReply) => channel.write(encodeFrame(reply));
const clone = structuredClone;

function functionsOf(module: Module): string[] {
  return Object.keys(module).filter((key) => typeof module[key] === "function");
}

async function main(): Promise<void> {
  // The first frame must ask to load; frames after it wait until calls are served.
  const early: unknown[] = [];
  let onMessage: (message: unknown) => unknown = () => {};
  const loadRequested = new Promise<void>((resolve) => {
    onMessage = (message) => {
      if ((message as LoadRequest | null)?.t !== "load") process.exit(70);
      onMessage = (later) => early.push(later);
      resolve();
    };
  });
  const reader = new FrameReader(256 << 20, (message) => onMessage(message));
  channel.on("data", (chunk: Buffer) => reader.push(chunk));
  channel.on("end", () => process.exit(0));
  await loadRequested;

  let candidate: Module;
  let driver: Module = {};
  try {
    candidate = (await import(pathToFileURL(config.candidate).href)) as Module;
    if (config.driver) {
      const loaded = (await import(pathToFileURL(config.driver).href)) as Module;
      driver = (loaded.default ?? loaded) as Module;
    }
  } catch (error) {
    send({ t: "load-error", error: errorInfo(error) });
    channel.end();
    return;
  }

  const callCandidate = async (name: string, args: unknown[]): Promise<unknown> => {
    const fn = candidate[name];
    if (typeof fn !== "function")
      throw new TypeError(`the candidate exports no function "${name}"`);
    return (fn as Fn)(...args);
  };
  // The driver sees the same handle shape as in verify mode, with copies going
  // in and out, so an honest candidate scores the same in both modes.
  const local = {
    exports: functionsOf(candidate),
    call: async (name: string, ...args: unknown[]) => clone(await callCandidate(name, clone(args))),
  };

  const handle = async (request: HostRequest): Promise<void> => {
    try {
      let value: unknown;
      if (request.t === "call") {
        value = await callCandidate(request.name, request.args);
      } else {
        const fn = driver[request.name];
        if (typeof fn !== "function")
          throw new TypeError(`driver has no function "${request.name}"`);
        value = await (fn as Fn)(local, ...request.args);
      }
      send({ t: "result", id: request.id, value });
    } catch (error) {
      send({ t: "error", id: request.id, error: errorInfo(error) });
    }
  };

  onMessage = (message) => void handle(message as HostRequest);
  send({ t: "ready", exports: functionsOf(candidate), driverFunctions: functionsOf(driver) });
  for (const message of early.splice(0)) onMessage(message);
}

void main();
