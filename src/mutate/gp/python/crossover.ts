/**
 * `crossover` with an inspiration (a program from the same seed, so its
 * blocks match ours one to one): an assignment takes the inspiration's
 * statement for the same target at the same indentation in the same block (a
 * learning rate, a layer size, a schedule), or, less often, a whole block is
 * taken from the inspiration.
 */
import { type PyChange, type PyOperator, shortText } from "./operator.ts";
import { lineStatements, type Statement } from "./statements.ts";

function target(s: Statement): string | null {
  const inner = s.node.namedChild(0);
  if (inner?.type !== "assignment") return null;
  return inner.childForFieldName("left")?.text ?? null;
}

export const crossover: PyOperator = {
  name: "crossover",
  apply(ctx) {
    const ours = ctx.source;
    const donors = ctx.donors().filter((d) => d.regions.length === ours.regions.length);
    if (donors.length === 0) return null;
    const donor = ctx.rng.pick(donors);
    const theirStatements = lineStatements(donor);
    const sites: PyChange[] = [];
    for (const s of lineStatements(ours)) {
      const name = target(s);
      if (name === null) continue;
      const match = theirStatements.find(
        (d) =>
          d.block === s.block &&
          target(d) === name &&
          d.node.startPosition.column === s.node.startPosition.column,
      );
      if (!match || match.node.text === s.node.text) continue;
      sites.push({
        start: s.node.startIndex,
        end: s.node.endIndex,
        text: match.node.text,
        note: `crossover: ${shortText(name)} from an inspiration`,
      });
    }
    const blocks: PyChange[] = [];
    ours.regions.forEach((region, block) => {
      const theirs = donor.regions[block];
      if (!theirs) return;
      const text = donor.text.slice(theirs.start, theirs.end);
      if (text === ours.text.slice(region.start, region.end)) return;
      blocks.push({
        ...region,
        text,
        note: `crossover: block ${block + 1} from an inspiration`,
      });
    });
    const pool = sites.length === 0 || (blocks.length > 0 && ctx.rng.chance(0.1)) ? blocks : sites;
    return pool.length === 0 ? null : ctx.rng.pick(pool);
  },
};
