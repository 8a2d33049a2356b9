import { describe, expect, it } from "vitest";
import { missedDosesOf } from "./missedDoses";

const missed = {
  drug: "pamidronate",
  cycle: 2,
  cycleDay: 3,
  plannedMg: 36,
  recordedAt: "2026-03-18T10:00:00Z",
  recordedBy: "nurse",
  reason: "patient unwell",
};

describe("missedDosesOf", () => {
  it("reads the doses a review lists as not given", () => {
    expect(missedDosesOf({ missedDosesSummary: "Cycle 2: 1 dose recorded not given, 2 doses given.", missedDoses: [missed] })).toEqual([missed]);
  });

  it("reads none from evidence without them, or in a shape it does not know", () => {
    expect(missedDosesOf({})).toEqual([]);
    expect(missedDosesOf(null)).toEqual([]);
    expect(missedDosesOf({ missedDoses: [{ cycle: "2" }] })).toEqual([]);
  });
});
