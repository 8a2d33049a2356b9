/**
 * The evidence of an infusion approval, as the engine's InfusionApprovalActivity writes it
 * (src/CarePathway.Engine/Activities/Clinical). The API types evidence as any JSON object, so its
 * shape is named here once; every number is the server's, never worked out in the browser.
 */
export interface InfusionEvidence {
  disclaimer: string;
  /** The last gate evaluated before this decision; null when none ran. */
  gate: GateEvidence | null;
  /** True when that gate passed: only then may the cycle be approved without an override. */
  cleared: boolean;
  labs: LabAgainstBaseline[];
  dose: DoseEvidence;
  /** Extra evidence the pathway adds (e.g. eGFR), in the generic item shape. */
  items: unknown[];
  passed: boolean;
}

export interface GateEvidence {
  gate: string;
  passed: boolean;
  at: string;
  rules: { label: string; passed: boolean; explanation: string }[];
}

export interface Measured {
  value: number;
  unit: string;
  observedAt: string;
}

export interface LabAgainstBaseline {
  code: string;
  name: string;
  value: number | null;
  unit: string | null;
  baseline: Measured | null;
  changePercent: number | null;
  history: Measured[];
  /** The limits the gates' rules held the latest result to; absent on approvals opened before they were recorded. */
  thresholds?: LabThreshold[];
}

/** A limit a gate's rule held the lab to: the result must be `operator` `value` (e.g. ">=" 2.1 mmol/L). */
export interface LabThreshold {
  rule: string;
  operator: "<" | "<=" | ">" | ">=";
  value: number;
  unit: string | null;
}

export interface DoseEvidence {
  drug: string;
  cycle: number;
  weightKg: number | null;
  mgPerKg: number | null;
  /** Per-day doses in mg, day 1 first. */
  doses: number[];
  totalMg: number;
  /** Doses of this cycle already given: a mid-cycle approval decides the next day's dose. */
  dosesGivenThisCycle: number;
  givenThisCycleMg: number;
  /** within-caps or reduced-to-annual-cap (a deferral never reaches an approval). */
  outcome: string;
  perDoseCapMg: number | null;
  cappedPerDose: boolean;
  annualCapMgPerKg: number | null;
  annualCapMg: number | null;
  administeredMg365Before: number | null;
  cumulativeMgPerKg365Before: number | null;
  cumulativeMgPerKg365After: number | null;
  remainingMgPerKg365After: number | null;
  remainingMg365After: number | null;
  infusionMinutes: number;
  infusionExplanation: string | null;
  explanation: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An infusion approval's evidence is recognised by its disclaimer, dose plan and labs. */
export const isInfusionEvidence = (evidence: unknown): evidence is InfusionEvidence =>
  isObject(evidence) && typeof evidence.disclaimer === "string" && isObject(evidence.dose) && Array.isArray(evidence.labs);
