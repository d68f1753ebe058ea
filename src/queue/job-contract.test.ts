import { describe, expect, it } from "vitest";
import { jobIdFor, jobSchema, resultSchema } from "./job-contract.ts";
import { checkQueueUrl, displayUrl } from "./queue-connection.ts";

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
    const worker = { id: "host-1-abc", host: "host", level: "bubblewrap" };
    expect(resultSchema.parse({ candidateId: 7, worker, outcome }).outcome).toEqual(outcome);
    const bad = { ...outcome, outcome: "great", metrics: { score: "1.5" } };
    expect(resultSchema.safeParse({ candidateId: 7, worker, outcome: bad }).success).toBe(false);
  });

  it("names a job by the coordinator and the candidate, never by a bare integer", () => {
    expect(jobIdFor("0123abcd", 42)).toBe("0123abcd-c42");
  });

  it("takes redis:// and rediss:// URLs only, and hides their password in messages", () => {
    expect(checkQueueUrl("rediss://:pw@host:6380/1")).toBe("rediss://:pw@host:6380/1");
    expect(() => checkQueueUrl("http://host:6379")).toThrow(/--queue must be a Redis URL/);
    expect(displayUrl("redis://:secret@host:6379/0")).not.toContain("secret");
  });
});
