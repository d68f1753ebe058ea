/**
 * Messages on the evaluator <-> sandbox channel. Everything arriving from the
 * sandbox is untrusted: the evaluator validates each message's shape before use.
 */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
}

export type HostRequest =
  | { t: "call"; id: number; name: string; args: unknown[] }
  | { t: "driver"; id: number; name: string; args: unknown[] };

export type HostReply =
  | { t: "ready"; exports: string[]; driverFunctions: string[] }
  | { t: "load-error"; error: ErrorInfo }
  | { t: "result"; id: number; value: unknown }
  | { t: "error"; id: number; error: ErrorInfo };

/**
 * The first frame the host reads, before anything else: its code folder now
 * holds the candidate (and driver), so load them. A host can thus be started
 * before its candidate exists and wait (a spare sandbox), and load it then.
 */
export interface LoadRequest {
  t: "load";
}

/** Configuration passed to the host as its only argument (JSON). */
export interface HostConfig {
  candidate: string;
  driver: string | null;
  channelFd: number;
}

export function errorInfo(value: unknown): ErrorInfo {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack ?? "" };
  }
  return { name: "Error", message: `non-error thrown: ${String(value)}` };
}
