import { describe, expect, it } from "vitest";
import type { LabThreshold } from "./infusionEvidence";
import { describeLimit, limitsIn, meets, outOfRange } from "./labLimits";

const atMost: LabThreshold = { rule: "Creatinine within 10% of baseline", operator: "<=", value: 0.605, unit: "mg/dL" };
const atLeast: LabThreshold = { rule: "No hypocalcaemia", operator: ">=", value: 2.1, unit: "mmol/L" };
const point = (value: number) => ({ value, unit: "mg/dL", observedAt: "2026-01-05T09:00:00Z" });

describe("lab limits", () => {
  it("compares a result with the limit's full value, the boundary included when the rule includes it", () => {
    expect(meets(0.605, atMost)).toBe(true);
    expect(meets(0.61, atMost)).toBe(false);
    expect(meets(2.1, atLeast)).toBe(true);
    expect(meets(2.09, atLeast)).toBe(false);
    expect(meets(2.1, { ...atLeast, operator: ">" })).toBe(false);
    expect(meets(0.605, { ...atMost, operator: "<" })).toBe(false);
  });

  it("flags each result beyond any limit", () => {
    expect(outOfRange([point(0.55), point(0.61), point(0.6)], [atMost])).toEqual([false, true, false]);
    expect(outOfRange([point(0.55)], [])).toEqual([false]);
  });

  it("draws only the limits in the trend's unit", () => {
    expect(limitsIn([atMost, atLeast], "mg/dL")).toEqual([atMost]);
    expect(limitsIn([{ ...atMost, unit: null }], "umol/L")).toHaveLength(1);
    expect(limitsIn(undefined, "mg/dL")).toEqual([]);
  });

  it("says the limit with its rule", () => {
    expect(describeLimit(atLeast, "mmol/L")).toBe("≥ 2.1 mmol/L (No hypocalcaemia)");
    expect(describeLimit({ ...atMost, unit: null }, "mg/dL")).toBe("≤ 0.605 mg/dL (Creatinine within 10% of baseline)");
  });
});
