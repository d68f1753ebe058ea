/**
 * A unified diff of two texts, as `diff -u` and `git diff` print it, for
 * proposals and reviews: lines compared with their line ends (a missing final
 * newline shows as "\ No newline at end of file"), a shortest edit script by
 * Myers' O(ND) algorithm after trimming the common head and tail, and hunks
 * with `context` unchanged lines around each change. Past {@link MAX_EDITS}
 * edits the middle is shown as removed and re-added whole (still correct).
 */

export interface DiffOptions {
  oldName: string;
  newName: string;
  /** Unchanged lines shown around each change; default 3. */
  context?: number;
}

/** Beyond this many edits the search stops and the rest becomes one replacement. */
export const MAX_EDITS = 2000;

type Op = "=" | "-" | "+";

/** Edit ops with line indices into the old (`a`) and new (`b`) lines. */
interface Edit {
  op: Op;
  a: number;
  b: number;
}

const NO_NEWLINE = "\\ No newline at end of file\n";

export function unifiedDiff(oldText: string, newText: string, options: DiffOptions): string {
  if (oldText === newText) return "";
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const edits = diffLines(a, b);
  const out = [`--- ${options.oldName}\n`, `+++ ${options.newName}\n`];
  for (const hunk of hunks(edits, options.context ?? 3)) {
    const first = hunk[0] as Edit;
    const oldCount = hunk.filter((e) => e.op !== "+").length;
    const newCount = hunk.filter((e) => e.op !== "-").length;
    out.push(`@@ -${range(first.a, oldCount)} +${range(first.b, newCount)} @@\n`);
    for (const edit of hunk) {
      const line = (edit.op === "+" ? b[edit.b] : a[edit.a]) as string;
      out.push(edit.op === "=" ? " " : edit.op, line);
      if (!line.endsWith("\n")) out.push("\n", NO_NEWLINE);
    }
  }
  return out.join("");
}

/** Lines with their "\n" kept; a last line without one stays without. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** "start,count" of a hunk side, 1-based; an empty side names the line before it. */
function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

/** Every line of both texts as an edit, in order: unchanged, removed, added. */
function diffLines(a: string[], b: string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ids = new Map<string, number>();
  const intern = (line: string) => ids.get(line) ?? ids.set(line, ids.size).size - 1;
  const x = Int32Array.from(a.slice(head, a.length - tail), intern);
  const y = Int32Array.from(b.slice(head, b.length - tail), intern);
  const edits: Edit[] = [];
  for (let i = 0; i < head; i++) edits.push({ op: "=", a: i, b: i });
  for (const edit of myers(x, y)) edits.push({ op: edit.op, a: edit.a + head, b: edit.b + head });
  for (let i = tail; i > 0; i--) edits.push({ op: "=", a: a.length - i, b: b.length - i });
  return edits;
}

/** Myers' greedy shortest edit script, with each step's frontier kept for the way back. */
function myers(a: Int32Array, b: Int32Array): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const v = new Int32Array(2 * max + 3);
  const offset = max + 1;
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let i = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let j = i - k;
      while (i < n && j < m && a[i] === b[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) return backtrack(trace, n, m);
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return replaceAll(n, m);
}

/** Walks the frontiers of steps 0..D-1 back from (n, m) to (0, 0). */
function backtrack(trace: Int32Array[], n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  let i = n;
  let j = m;
  for (let d = trace.length; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array; // frontier of step d - 1, k from -(d-1)
    const at = (k: number) => prev[k + d - 1] as number;
    const k = i - j;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevI = at(prevK);
    const prevJ = prevI - prevK;
    while (i > (down ? prevI : prevI + 1) && j > (down ? prevJ + 1 : prevJ)) {
      edits.push({ op: "=", a: --i, b: --j });
    }
    if (down) edits.push({ op: "+", a: i, b: --j });
    else edits.push({ op: "-", a: --i, b: j });
  }
  while (i > 0 && j > 0) edits.push({ op: "=", a: --i, b: --j });
  return edits.reverse();
}

function replaceAll(n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  for (let i = 0; i < n; i++) edits.push({ op: "-", a: i, b: 0 });
  for (let j = 0; j < m; j++) edits.push({ op: "+", a: n, b: j });
  return edits;
}

/** Groups changes whose unchanged gap is at most 2 * context, with context around each group. */
function hunks(edits: Edit[], context: number): Edit[][] {
  const changed = edits.flatMap((e, index) => (e.op === "=" ? [] : [index]));
  const groups: Edit[][] = [];
  let start = -1;
  let end = -1;
  for (const index of changed) {
    if (start >= 0 && index - end - 1 > 2 * context) {
      groups.push(edits.slice(Math.max(0, start - context), end + 1 + context));
      start = -1;
    }
    if (start < 0) start = index;
    end = index;
  }
  if (start >= 0) groups.push(edits.slice(Math.max(0, start - context), end + 1 + context));
  return groups;
}
