/**
 * A CLI command: a name, its own usage text, and a `run` that returns the exit
 * code (0 ok, 1 the thing checked failed, 2 usage or charter error). Its
 * one-line summary for `steward --help` is in command-index.ts, which loads it.
 */
export interface Command {
  name: string;
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (live progress); false when piped. */
  isTTY: boolean;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
