/** Resource limits for one evaluation's candidate processes. */
export interface SandboxLimits {
  /** Wall-clock limit of one `candidate.call` / `candidate.run` / `ctx.driver` call. */
  callTimeoutMs: number;
  /** Wall-clock limit of the whole evaluation, evaluator included. */
  evalTimeoutMs: number;
  /** Memory cap per candidate process (data segment and V8 heap). */
  memoryMb: number;
  /** Most processes the candidate may have at once (threads count on Linux). */
  maxProcesses: number;
  /** Most bytes the candidate may print on stdout and stderr together. */
  maxOutputBytes: number;
  /** Most bytes the candidate may write to its private temp dir. */
  maxWriteBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  callTimeoutMs: 10_000,
  evalTimeoutMs: 120_000,
  memoryMb: 512,
  maxProcesses: 64,
  maxOutputBytes: 1 << 20,
  maxWriteBytes: 64 << 20,
};
