/**
 * The contract every SandboxBackend passes, with what its level promises: every
 * level runs the command with an empty environment, a writable and capped work
 * folder and a read-only system; the isolating levels (bubblewrap, namespace)
 * also hide the trusted folders, cap /dev/shm, block the network and give the
 * candidate its own pids. A backend's test file calls
 * `describeBackendContract` with a factory.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxBackend } from "./backend.ts";
import { launchSandbox, type SandboxExit } from "./launch.ts";
import { isIsolating } from "./level.ts";
import { DEFAULT_LIMITS, type SandboxLimits } from "./limits.ts";

const SECRET = "sk-contract-planted-3e8d";
const CAP = 1 << 20;
const limits: SandboxLimits = { ...DEFAULT_LIMITS, maxWriteBytes: CAP, evalTimeoutMs: 30_000 };

interface Ran {
  exit: SandboxExit;
  stdout: string;
  stderr: string;
}

/** Runs `script` with /bin/sh in a sandbox of `backend`, to its end (killed after 30 s). */
export async function runShell(
  backend: SandboxBackend,
  script: string,
  options: { hide?: string[]; mounts?: Record<string, string> } = {},
): Promise<Ran> {
  const sandbox = launchSandbox(backend, {
    mounts: options.mounts ?? {},
    limits,
    ...(options.hide && { hide: options.hide }),
    command: ({ mounts, workDir }) => [
      "/bin/sh",
      "-c",
      script,
      "sh",
      workDir,
      ...Object.values(mounts),
    ],
  });
  const timer = setTimeout(() => sandbox.kill("timeout", "contract test time-out"), 30_000);
  const exit = await sandbox.exited;
  clearTimeout(timer);
  return { exit, stdout: sandbox.stdout(), stderr: sandbox.stderr() };
}

/** The host's /etc/alternatives links that resolve into /usr (none where there is no such folder). */
function alternativesIntoUsr(): string[] {
  if (!fs.existsSync("/etc/alternatives")) return [];
  return fs.readdirSync("/etc/alternatives").filter((name) => {
    if (!/^[\w.+-]+$/.test(name)) return false;
    try {
      return fs.realpathSync(path.join("/etc/alternatives", name)).startsWith("/usr/");
    } catch {
      return false;
    }
  });
}

export function describeBackendContract(name: string, factory: () => SandboxBackend): void {
  describe(`SandboxBackend contract: ${name}`, () => {
    const backend = factory();
    const isolating = isIsolating(backend.level);
    /** A trusted folder in /usr, where the system view would show it (cf. /usr/src/app). */
    let trusted: string;
    let server: net.Server;
    let port = 0;
    let connections = 0;

    beforeAll(async () => {
      process.env.STEWARD_CONTRACT_SECRET = SECRET;
      fs.mkdirSync("/usr/src", { recursive: true });
      trusted = fs.mkdtempSync("/usr/src/steward-contract-");
      fs.chmodSync(trusted, 0o755);
      fs.writeFileSync(path.join(trusted, "secret.txt"), SECRET, { mode: 0o644 });
      server = net.createServer((socket) => {
        connections++;
        socket.end("hello\n");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as net.AddressInfo).port;
    });

    afterAll(async () => {
      delete process.env.STEWARD_CONTRACT_SECRET;
      fs.rmSync(trusted, { recursive: true, force: true });
      await new Promise((resolve) => server.close(resolve));
    });

    it("reports its level on the process it starts", () => {
      expect(["bubblewrap", "namespace", "process"]).toContain(backend.level);
    });

    it("runs a command, with its output and exit code", async () => {
      const ran = await runShell(backend, "echo hello; exit 3");
      expect(ran.stdout).toBe("hello\n");
      expect(ran.exit).toMatchObject({ reason: "exited", exitCode: 3 });
    });

    it("starts with an empty environment", async () => {
      const ran = await runShell(backend, "env");
      expect(ran.stdout).not.toContain(SECRET);
      const names = ran.stdout
        .trim()
        .split("\n")
        .map((line) => line.split("=")[0] ?? "");
      expect(names.filter((n) => !["PATH", "HOME", "TMPDIR", "LANG", "PWD"].includes(n))).toEqual(
        [],
      );
    });

    it("reads the named mounts, read-only", async () => {
      const ran = await runShell(backend, 'cat "$2/secret.txt"; touch "$2/new" && echo WROTE', {
        mounts: { data: trusted },
      });
      expect(ran.stdout).toContain(SECRET);
      expect(ran.stdout).not.toContain("WROTE");
    });

    it("gives a writable work folder and cannot write the system", async () => {
      const ran = await runShell(
        backend,
        'echo note > "$1/note" && cat "$1/note"; touch /usr/steward-contract-x && echo SYSTEM',
      );
      expect(ran.stdout).toContain("note");
      expect(ran.stdout).not.toContain("SYSTEM");
      expect(fs.existsSync("/usr/steward-contract-x")).toBe(false);
    });

    it("caps what the work folder takes", async () => {
      const ran = await runShell(
        backend,
        `head -c ${2 * CAP} /dev/zero > "$1/big"; wc -c < "$1/big"`,
      );
      const kept = Number(ran.stdout.trim() || "0");
      expect(ran.exit.outcome === "output-limit" || kept <= CAP).toBe(true);
    });

    if (isolating) {
      it("caps /dev/shm too, counted with the work folder against max_write_bytes", async () => {
        const alone = await runShell(
          backend,
          `head -c ${4 * CAP} /dev/zero > /dev/shm/big; wc -c < /dev/shm/big`,
        );
        const kept = Number(alone.stdout.trim() || "0");
        expect(alone.exit.outcome === "output-limit" || kept <= CAP).toBe(true);
        // Each under the cap, together over it: killed as output-limit.
        const half = Math.floor(CAP * 0.75);
        const both = await runShell(
          backend,
          `head -c ${half} /dev/zero > "$1/a"; head -c ${half} /dev/zero > /dev/shm/b; while :; do sleep 1; done`,
        );
        expect(both.exit.outcome).toBe("output-limit");
      });

      it("hides trusted folders, even inside the read-only system view", async () => {
        const ran = await runShell(
          backend,
          `cat ${trusted}/secret.txt; ls -A ${trusted}; echo END`,
          { hide: [trusted] },
        );
        expect(ran.stdout).not.toContain(SECRET);
        expect(ran.stdout).not.toContain("secret.txt");
        expect(ran.stdout).toContain("END");
      });

      it("follows Debian's /etc/alternatives links into /usr, read-only (libblas for torch, cc)", async () => {
        const links = alternativesIntoUsr();
        const ran = await runShell(
          backend,
          `for n in ${links.join(" ")}; do [ -e "/etc/alternatives/$n" ] && echo "ok $n"; done; ` +
            "touch /etc/alternatives/steward-x 2>/dev/null && echo WROTE; echo END",
        );
        expect(ran.stdout).toBe(`${links.map((n) => `ok ${n}\n`).join("")}END\n`);
        expect(fs.existsSync("/etc/alternatives/steward-x")).toBe(false);
      });

      it("shows no home folder and no host file outside the system view", async () => {
        const ran = await runShell(
          backend,
          "ls -A /root /home /etc/passwd /work/main 2>/dev/null; echo END",
        );
        expect(ran.stdout.trim()).toBe("END");
      });

      it("has no network: a listener on the host's 127.0.0.1 gets nothing", async () => {
        const before = connections;
        const ran = await runShell(
          backend,
          `/usr/bin/bash -c 'exec 3<>/dev/tcp/127.0.0.1/${port} && head -1 <&3' 2>&1; echo END`,
        );
        expect(ran.stdout).toContain("END");
        expect(ran.stdout).not.toContain("hello");
        expect(connections).toBe(before);
      });

      it("sees only its own processes", async () => {
        const ran = await runShell(
          backend,
          `kill -0 ${process.pid} 2>/dev/null && echo SEEN; ls /proc | grep -c '^[0-9]'`,
        );
        expect(ran.stdout).not.toContain("SEEN");
        expect(Number(ran.stdout.trim())).toBeLessThan(10);
      });
    } else {
      it("is weak as documented: the network is open (why it needs an opt-in)", async () => {
        const ran = await runShell(
          backend,
          `/usr/bin/bash -c 'exec 3<>/dev/tcp/127.0.0.1/${port} && head -1 <&3' 2>&1`,
        );
        expect(ran.stdout).toContain("hello");
      });
    }
  });
}
