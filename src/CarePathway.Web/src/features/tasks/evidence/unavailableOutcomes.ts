import { isObject } from "./EvidenceItems";
import { isInfusionEvidence } from "./infusionEvidence";

/**
 * Outcomes the server would refuse, with why, so the form shows them unavailable instead of
 * sending them: approving an infusion without a cleared gate, or an approval whose evidence has a
 * check that does not hold. The way on is an override with a reason, or a rejection.
 */
export function unavailableOutcomes(evidence: unknown): Record<string, string> {
  if (isInfusionEvidence(evidence)) {
    if (evidence.cleared) return {};
    const gate = evidence.gate ? `The ${evidence.gate.gate} gate did not pass` : "No gate has passed for this dose";
    return { approved: `${gate}: approving is not available. Override with a reason, or reject.` };
  }
  if (isObject(evidence) && evidence.passed === false)
    return { approved: "A check in the evidence does not hold: approving is not available. Override with a reason, or reject." };
  return {};
}
