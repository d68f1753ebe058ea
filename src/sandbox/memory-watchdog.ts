/**
 * The resident-memory watchdog for machines where Steward cannot make a memory
 * cgroup: one worker thread per evaluator process samples every watched
 * sandbox's process tree and kills a tree over its cap itself. It runs on its
 * own event loop, so an evaluator busy in synchronous code (parsing a huge
 * candidate output, say) cannot stall it; the verdict is shared through
 * memory, so it is known even if the main thread reads it late.
 */
import { Worker } from "node:worker_threads";

export interface MemoryWatch {
  /** Resident memory over the cap the watchdog saw (and killed at), or 0. */
  overBytes(): number;
  /** Highest resident memory of the tree seen so far. */
  peakBytes(): number;
  stop(): void;
}

const SAMPLE_MS = 20;
let worker: Worker | null = null;
let nextId = 1;
const listeners = new Map<number, (rss: number) => void>();

/** Watches `pid`'s tree; `onOver` runs on this thread once the tree is already killed. */
export function watchMemory(
  pid: number,
  capBytes: number,
  onOver: (rss: number) => void,
): MemoryWatch {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const id = nextId++;
  listeners.set(id, onOver);
  const thread = watchdogThread();
  thread.postMessage({ t: "watch", id, pid, cap: capBytes, shared });
  return {
    overBytes: () => shared[1] ?? 0,
    peakBytes: () => shared[0] ?? 0,
    stop: () => {
      listeners.delete(id);
      thread.postMessage({ t: "unwatch", id });
    },
  };
}

function watchdogThread(): Worker {
  if (worker) return worker;
  worker = new Worker(`(${threadMain.toString()})(${SAMPLE_MS})`, { eval: true });
  worker.on("message", (m: { id: number; rss: number }) => listeners.get(m.id)?.(m.rss));
  worker.on("error", () => {
    worker = null;
  });
  worker.unref();
  return worker;
}

/**
 * The thread's code, sent as text: it must not use anything from this module's
 * scope. Reads /proc the way process-tree.ts does.
 */
function threadMain(sampleMs: number): void {
  // biome-ignore lint/suspicious/noExplicitAny: evaluated as plain JS in the worker.
  const req = (globalThis as any).process.getBuiltinModule ?? require;
  const fs = req("node:fs");
  const { parentPort } = req("node:worker_threads");
  const watched = new Map<number, { pid: number; cap: number; shared: Float64Array }>();
  const tree = (root: number): number[] => {
    const out: number[] = [];
    const stack = [root];
    while (stack.length > 0 && out.length < 10_000) {
      const current = stack.pop() as number;
      out.push(current);
      let tasks: string[] = [];
      try {
        tasks = fs.readdirSync(`/proc/${current}/task`);
      } catch {}
      for (const task of tasks) {
        try {
          const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, "utf8");
          for (const c of children.trim().split(/\s+/)) if (c) stack.push(Number(c));
        } catch {}
      }
    }
    return out;
  };
  const rss = (pid: number): number => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  parentPort.on(
    "message",
    (m: { t: string; id: number; pid: number; cap: number; shared: Float64Array }) => {
      if (m.t === "watch") watched.set(m.id, { pid: m.pid, cap: m.cap, shared: m.shared });
      else watched.delete(m.id);
    },
  );
  setInterval(() => {
    for (const [id, w] of watched) {
      const pids = tree(w.pid);
      const total = pids.reduce((sum, p) => sum + rss(p), 0);
      w.shared[0] = Math.max(w.shared[0] ?? 0, total);
      if (total <= w.cap) continue;
      w.shared[1] = total;
      // Children first, so the root can reap them; then the root.
      for (const p of pids.reverse()) {
        try {
          process.kill(p, "SIGKILL");
        } catch {}
      }
      watched.delete(id);
      parentPort.postMessage({ id, rss: total });
    }
  }, sampleMs);
}
