import { isObject } from "./EvidenceItems";

/** A dose recorded as not given, as a review of its cycle carries it (the engine's CycleReviews evidence). */
export interface MissedDose {
  drug: string;
  cycle: number;
  cycleDay: number;
  plannedMg: number;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
}

const isMissedDose = (v: unknown): v is MissedDose =>
  isObject(v) && typeof v.cycle === "number" && typeof v.cycleDay === "number" && typeof v.recordedAt === "string";

/** The missed doses a review's evidence lists, or none when it lists none (or lists them in a shape this app does not know). */
export const missedDosesOf = (evidence: unknown): MissedDose[] =>
  isObject(evidence) && Array.isArray(evidence.missedDoses) && evidence.missedDoses.every(isMissedDose)
    ? (evidence.missedDoses as unknown as MissedDose[])
    : [];
