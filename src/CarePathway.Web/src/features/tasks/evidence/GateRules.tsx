import { formatDateTime } from "../../../ui/format";
import type { GateEvidence } from "./infusionEvidence";

/** The last gate before this decision: each rule, whether it held, and the engine's explanation of why. */
export function GateRules({ gate }: { gate: GateEvidence | null }) {
  if (!gate) return <p className="empty">No gate has been evaluated for this dose.</p>;
  return (
    <>
      <p className="muted small">
        {gate.passed ? "Passed" : "Did not pass"} on {formatDateTime(gate.at)}
      </p>
      <ul className="evidence-items">
        {gate.rules.map((rule) => (
          <li key={rule.label} className={rule.passed ? "evidence-item pass" : "evidence-item fail"}>
            <div className="evidence-head">
              <span className="evidence-label">{rule.label}</span>
              <span className={rule.passed ? "badge badge-ok" : "badge badge-danger"}>{rule.passed ? "passes" : "fails"}</span>
            </div>
            <div className="explanation">{rule.explanation}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
