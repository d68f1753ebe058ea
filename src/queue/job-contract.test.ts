import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobIdFor, jobSchema, refusalSchema, resultSchema } from "./job-contract.ts";
import { checkQueueUrl, displayUrl, securityOptions } from "./queue-connection.ts";

const job = {
  bundle: "a".repeat(64),
  candidateId: 7,
  code: "export const x = 1;",
  minLevel: "namespace",
  mode: "search",
  split: "train",
  seed: 0,
  timeLimitMs: null,
};

const outcome = {
  outcome: "ok",
  metrics: { score: 1.5 },
  error: null,
  mode: "search",
  split: "train",
  durationMs: 12,
  timeLimitMs: 10_000,
  peakMemoryBytes: null,
  cpuMs: 3,
  sandbox: "bubblewrap",
  stdout: "",
  stderr: "",
  artifacts: {},
  log: [],
  warnings: [],
};

describe("the queue's job contract", () => {
  it("accepts a well-formed job and drops fields it does not know (no environment rides along)", () => {
    const parsed = jobSchema.parse({ ...job, env: { OPENAI_API_KEY: "sk-x" } });
    expect(parsed).toEqual(job);
    expect("env" in parsed).toBe(false);
  });

  it("refuses a job that names its bundle by anything but a SHA-256, or an unknown sandbox level", () => {
    expect(jobSchema.safeParse({ ...job, bundle: "../../etc" }).success).toBe(false);
    expect(jobSchema.safeParse({ ...job, minLevel: "none" }).success).toBe(false);
  });

  it("takes back an outcome in the local pool's shape and refuses a malformed one", () => {
    const worker = {
      id: "host-1-abc",
      host: "host",
      level: "bubblewrap",
      steward: "0.1.0",
      node: "v20.19.0",
    };
    expect(resultSchema.parse({ candidateId: 7, worker, outcome }).outcome).toEqual(outcome);
    const bad = { ...outcome, outcome: "great", metrics: { score: "1.5" } };
    expect(resultSchema.safeParse({ candidateId: 7, worker, outcome: bad }).success).toBe(false);
  });

  it("takes a worker's refusal only with its identity, a known reason and a bounded message", () => {
    const refusedBy = { id: "h-1-abc", host: "h", level: "process", steward: "0.1.0", node: "v20" };
    const refusal = { refusedBy, code: "sandbox-too-weak", message: "too weak" };
    expect(refusalSchema.parse(refusal)).toEqual(refusal);
    expect(refusalSchema.safeParse({ ...refusal, code: "bored" }).success).toBe(false);
    expect(refusalSchema.safeParse({ ...refusal, refusedBy: { id: "x" } }).success).toBe(false);
    expect(refusalSchema.safeParse({ ...refusal, message: "x".repeat(5_000) }).success).toBe(false);
  });

  it("names a job by the coordinator and the candidate, never by a bare integer", () => {
    expect(jobIdFor("0123abcd", 42)).toBe("0123abcd-c42");
  });

  it("reads the AUTH password from the environment or a file, and the TLS CA for rediss:// only", () => {
    expect(securityOptions("redis://h:1", { STEWARD_QUEUE_PASSWORD: "pw" })).toEqual({
      password: "pw",
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-queue-"));
    try {
      fs.writeFileSync(path.join(dir, "pw"), "from-file\nignored\n");
      fs.writeFileSync(path.join(dir, "ca.pem"), "PEM");
      const env = {
        STEWARD_QUEUE_PASSWORD_FILE: path.join(dir, "pw"),
        STEWARD_QUEUE_CA: path.join(dir, "ca.pem"),
      };
      const options = securityOptions("rediss://h:1", env);
      expect(options.password).toBe("from-file");
      expect(String((options.tls as { ca: Buffer }).ca)).toBe("PEM");
      expect(() => securityOptions("redis://h:1", env)).toThrow(
        /STEWARD_QUEUE_CA is set but .* is not TLS: use rediss:\/\//,
      );
      expect(() =>
        securityOptions("redis://h:1", { STEWARD_QUEUE_PASSWORD_FILE: path.join(dir, "missing") }),
      ).toThrow(
        /cannot read the Redis password from STEWARD_QUEUE_PASSWORD_FILE=.*missing: ENOENT/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes redis:// and rediss:// URLs only, and hides their password in messages", () => {
    expect(checkQueueUrl("rediss://:pw@host:6380/1")).toBe("rediss://:pw@host:6380/1");
    expect(() => checkQueueUrl("http://host:6379")).toThrow(/--queue must be a Redis URL/);
    expect(displayUrl("redis://:secret@host:6379/0")).not.toContain("secret");
  });
});
