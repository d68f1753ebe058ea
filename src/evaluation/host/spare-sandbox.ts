/**
 * The next candidate's sandbox, started while the current candidate is being
 * evaluated. Starting Node in a sandbox is most of what a quick evaluation
 * costs; started ahead, it overlaps this evaluation and the engine making the
 * next candidate instead of following them.
 *
 * A spare is still a fresh sandbox for exactly one candidate, like any other.
 * Its code folder is its own, in the evaluator process's temp folder, which no
 * sandbox can write or even see; the candidate's files are copied in when it is
 * taken, and only then does its host load them. While it waits, it runs beside
 * the current candidate's sandbox exactly as the sandboxes of two evaluations
 * in flight do (own pid, mount and network namespaces; as root, its own uid), so
 * spares are only started at an isolating level. A spare fits only a job whose
 * sandbox would have been started with the same settings (level, hidden paths,
 * driver, limits); one that does not fit is stopped.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SandboxBackend } from "../../sandbox/backend.ts";
import type { SandboxLimits } from "../../sandbox/limits.ts";
import { JsCandidate } from "./js-candidate.ts";

/** How a JS candidate's sandbox is started: a spare serves only the same settings. */
export interface SandboxSettings {
  backend: SandboxBackend;
  /** Whether the trusted driver runs beside the candidate (search mode). */
  hasDriver: boolean;
  limits: SandboxLimits;
  /** What tells two settings apart: the level, hidden paths, driver and limits. */
  key: string;
}

export class SpareSandbox {
  #spare: { key: string; js: JsCandidate } | null = null;
  readonly #announce: (js: JsCandidate) => void;

  /** `announce` hears of each spare as it starts (the engine kills it with the evaluator). */
  constructor(announce: (js: JsCandidate) => void) {
    this.#announce = announce;
  }

  /** The spare for these settings, now the caller's to load; null when there is none that fits. */
  take(key: string): JsCandidate | null {
    const spare = this.#spare;
    this.#spare = null;
    if (!spare) return null;
    // A spare that died while waiting (killed from outside) serves no one.
    if (spare.key === key && spare.js.fatal === null) return spare.js;
    void spare.js.stop();
    return null;
  }

  /**
   * Starts a spare for these settings, unless one is waiting already. A spare
   * is only a head start: when its folder cannot be made (a full disk, say),
   * there is none, and the next job starts its own sandbox as without spares.
   */
  replenish(settings: SandboxSettings): void {
    if (this.#spare?.key === settings.key) return;
    this.stop();
    let dir: string;
    try {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-spare-"));
      // Read by the sandbox's uid, which owns nothing here.
      fs.chmodSync(dir, 0o755);
    } catch {
      return;
    }
    const js = new JsCandidate(settings.backend, dir, settings.hasDriver, settings.limits, {
      ownsCodeDir: true,
    });
    this.#spare = { key: settings.key, js };
    this.#announce(js);
  }

  /** Stops the waiting spare, if any. */
  stop(): void {
    const spare = this.#spare;
    this.#spare = null;
    if (spare) void spare.js.stop();
  }
}
