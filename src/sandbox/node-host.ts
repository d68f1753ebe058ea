/**
 * Starts Steward's candidate host (runtime/candidate-host.ts) in a sandbox: the
 * candidate module, and optionally the trusted driver, loaded by a Node process
 * that answers calls over a socket on fd 3.
 */
import type { Socket } from "node:net";
import type { SandboxBackend } from "./backend.ts";
import { launchSandbox, type SandboxProcess } from "./launch.ts";
import type { SandboxLimits } from "./limits.ts";
import { nodePermissionArgs } from "./node-permissions.ts";
import type { HostConfig } from "./runtime/messages.ts";
import { runtimeBundle } from "./runtime-bundle.ts";

export interface NodeHostFiles {
  /** Folder holding the compiled candidate (`candidate.mjs`) and, optionally, `driver.mjs`. */
  codeDir: string;
  hasDriver: boolean;
}

export interface NodeHost {
  process: SandboxProcess;
  channel: Socket;
}

export function startNodeHost(
  backend: SandboxBackend,
  files: NodeHostFiles,
  limits: SandboxLimits,
): NodeHost {
  const bundle = runtimeBundle();
  const process_ = launchSandbox(
    backend,
    {
      mounts: { lib: bundle.dir, code: files.codeDir },
      limits,
      command: ({ mounts, workDir }) => {
        const lib = mounts.lib as string;
        const code = mounts.code as string;
        const config: HostConfig = {
          candidate: `${code}/candidate.mjs`,
          driver: files.hasDriver ? `${code}/driver.mjs` : null,
          channelFd: 3,
        };
        return [
          process.execPath,
          ...nodePermissionArgs({ read: [lib, code], write: [workDir] }),
          "--no-warnings",
          `--max-old-space-size=${limits.memoryMb}`,
          "--disable-proto=throw",
          `${lib}/runtime/candidate-host.js`,
          JSON.stringify(config),
        ];
      },
    },
    { extraPipes: 1 },
  );
  const channel = process_.child.stdio[3] as Socket;
  return { process: process_, channel };
}
