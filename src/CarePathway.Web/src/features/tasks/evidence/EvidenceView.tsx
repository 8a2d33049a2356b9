import { formatValue } from "../../../ui/format";
import { EvidenceItems, ValueList, isObject } from "./EvidenceItems";
import { InfusionEvidenceView } from "./InfusionEvidenceView";
import { isInfusionEvidence } from "./infusionEvidence";
import { InfusionRecordEvidenceView, isInfusionRecordEvidence } from "./InfusionRecordEvidence";
import { MissedDosesView } from "./MissedDosesView";
import { missedDosesOf } from "./missedDoses";

/** Tasks without evidence carry an empty object: only approvals (and tasks pathways give evidence to) show the evidence panel. */
export const hasEvidence = (evidence: unknown) => isObject(evidence) && Object.keys(evidence).length > 0;

/**
 * A task's evidence. An infusion approval's has its own view (gate, labs against baseline, dose
 * and caps, infusion time), and so has an infusion to record (the approved day's dose and time, in words); any other is
 * rendered generically: `{items: [{label, value,
 * explanation, passed}], passed}` from the engine, plus whatever fields pathways add as label/value
 * rows. A review of a cycle lists the doses not given first, in words. Nothing the server sent is hidden.
 */
export function EvidenceView({ evidence }: { evidence: unknown }) {
  if (evidence === null || evidence === undefined) return <p className="empty">No evidence on this task.</p>;
  if (isInfusionEvidence(evidence)) return <InfusionEvidenceView evidence={evidence} />;
  if (isInfusionRecordEvidence(evidence)) return <InfusionRecordEvidenceView evidence={evidence} />;
  if (!isObject(evidence)) return <p>{formatValue(evidence)}</p>;
  const items = Array.isArray(evidence.items) ? evidence.items : [];
  const missed = missedDosesOf(evidence);
  const shownApart = new Set(["items", "passed", ...(missed.length > 0 ? ["missedDoses", "missedDosesSummary"] : [])]);
  const rest = Object.entries(evidence).filter(([k]) => !shownApart.has(k));
  return (
    <div className="evidence">
      {missed.length > 0 && <MissedDosesView summary={typeof evidence.missedDosesSummary === "string" ? evidence.missedDosesSummary : null} doses={missed} />}
      {typeof evidence.passed === "boolean" && (
        <p className={evidence.passed ? "verdict pass" : "verdict fail"} role="status">
          {evidence.passed ? "All checks hold." : "At least one check does not hold: approving needs an override with a reason."}
        </p>
      )}
      <EvidenceItems items={items} />
      {rest.length > 0 && <ValueList entries={rest} />}
    </div>
  );
}
