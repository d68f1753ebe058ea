/**
 * Test helper: a candidate handle that calls a `priority` function in this
 * process, so the driver can be checked without a sandbox.
 */
import type { DriverCandidate } from "steward";

export type Priority = (item: number, bins: number[]) => unknown;

export function inProcessCandidate(priority: Priority): DriverCandidate & { calls: number } {
  const handle = {
    exports: ["priority"],
    calls: 0,
    async call<T = unknown>(name: string, ...args: unknown[]): Promise<T> {
      if (name !== "priority") throw new Error(`no export named ${name}`);
      handle.calls++;
      return priority(args[0] as number, args[1] as number[]) as T;
    },
  };
  return handle;
}
