import { describe, expect, it } from "vitest";
import type { ChampionRecord } from "../store/oversight-store.ts";
import { championStack } from "./champion.ts";

let nextId = 1;
const row = (programId: number, reason: ChampionRecord["reason"]): ChampionRecord => ({
  id: nextId++,
  programId,
  proposalId: null,
  reason,
  objective: null,
  createdAt: "t",
});

const programs = (rows: ChampionRecord[]) => {
  const { current, previous } = championStack(rows);
  return [current?.programId ?? null, previous?.programId ?? null];
};

describe("championStack", () => {
  it("is empty before the seed", () => {
    expect(programs([])).toEqual([null, null]);
  });

  it("makes each deploy the champion and keeps the one before", () => {
    expect(programs([row(1, "seed")])).toEqual([1, null]);
    expect(programs([row(1, "seed"), row(5, "deploy"), row(9, "deploy")])).toEqual([9, 5]);
  });

  it("rolls back one deploy at a time", () => {
    const history = [row(1, "seed"), row(5, "deploy"), row(9, "deploy"), row(5, "rollback")];
    expect(programs(history)).toEqual([5, 1]);
    expect(programs([...history, row(1, "rollback")])).toEqual([1, null]);
    expect(programs([...history, row(12, "deploy")])).toEqual([12, 5]);
  });
});
