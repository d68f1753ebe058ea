/**
 * The packing loop (trusted). In search mode it runs inside the sandbox next to
 * the candidate; in verify mode in the evaluator process. It returns the
 * assignment, never a score: the evaluator checks it and counts the bins.
 */
import { type DriverCandidate, defineDriver } from "steward";

function checkScores(reply: unknown, binCount: number): number[] {
  if (!Array.isArray(reply) || reply.length !== binCount)
    throw new Error(`priority() returned ${typeof reply}, expected ${binCount} scores`);
  for (const score of reply) {
    if (typeof score !== "number" || !Number.isFinite(score))
      throw new Error(`priority() returned ${String(score)}, expected finite numbers`);
  }
  return reply as number[];
}

export default defineDriver({
  async pack(candidate: DriverCandidate, items: number[], capacity: number): Promise<number[]> {
    const remaining: number[] = [];
    const assignment: number[] = [];
    for (const item of items) {
      const offered: number[] = [];
      const room: number[] = [];
      remaining.forEach((left, index) => {
        if (left >= item) {
          offered.push(index);
          room.push(left);
        }
      });
      room.push(capacity);
      const scores = checkScores(await candidate.call("priority", item, room), room.length);
      let best = 0;
      for (let k = 1; k < scores.length; k++) if ((scores[k] ?? 0) > (scores[best] ?? 0)) best = k;
      let bin = offered[best];
      if (bin === undefined) {
        bin = remaining.length;
        remaining.push(capacity);
      }
      remaining[bin] = (remaining[bin] ?? 0) - item;
      assignment.push(bin);
    }
    return assignment;
  },
});
