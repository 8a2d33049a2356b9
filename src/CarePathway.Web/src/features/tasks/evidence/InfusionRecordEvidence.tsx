import { formatDateTime } from "../../../ui/format";
import { isObject } from "./EvidenceItems";
import { hoursAndMinutes } from "./hoursAndMinutes";

/** What an administer-infusion task carries (AdministerInfusionActivity's evidence): the approved day's dose and its time. */
export interface InfusionRecordEvidence {
  drug: string;
  cycle: number;
  cycleDay: number;
  approvedDoseMg: number;
  minimumInfusionMinutes: number;
  infusionExplanation: string | null;
  approvedBy: string | null;
  /** approved or overridden */
  decision: string | null;
  /** gate-passed or clinician-override */
  clearance: string;
  notBefore: string | null;
}

export const isInfusionRecordEvidence = (evidence: unknown): evidence is InfusionRecordEvidence =>
  isObject(evidence) && typeof evidence.approvedDoseMg === "number" && typeof evidence.cycleDay === "number";

const clearanceWords: Record<string, string> = {
  "gate-passed": "the lab gate passed",
  "clinician-override": "a clinician overrode the lab gate",
};
const decisionWords: Record<string, string> = { approved: "approved", overridden: "approved by override" };

/** The infusion to record, as a nurse reads it before giving it: what, how much, how long at least, and why it may be given. */
export function InfusionRecordEvidenceView({ evidence }: { evidence: InfusionRecordEvidence }) {
  const e = evidence;
  return (
    <dl className="values infusion-record">
      <div>
        <dt>Dose</dt>
        <dd>
          Cycle {e.cycle} day {e.cycleDay}: {e.drug} {e.approvedDoseMg} mg
          {e.approvedBy && ` (${decisionWords[e.decision ?? ""] ?? "decided"} by ${e.approvedBy})`}
        </dd>
      </div>
      <div>
        <dt>Infusion time</dt>
        <dd>
          {e.minimumInfusionMinutes > 0 ? `At least ${e.minimumInfusionMinutes} minutes (${hoursAndMinutes(e.minimumInfusionMinutes)})` : "No minimum"}
          {e.infusionExplanation && <div className="explanation">{e.infusionExplanation}</div>}
        </dd>
      </div>
      <div>
        <dt>Cleared because</dt>
        <dd>{clearanceWords[e.clearance] ?? e.clearance}</dd>
      </div>
      {e.notBefore && (
        <div>
          <dt>Not before</dt>
          <dd>{formatDateTime(e.notBefore)}</dd>
        </div>
      )}
    </dl>
  );
}
