import { DoseSummary } from "./DoseSummary";
import { EvidenceItems, isObject } from "./EvidenceItems";
import { GateRules } from "./GateRules";
import { hoursAndMinutes } from "./hoursAndMinutes";
import { LabsAgainstBaseline } from "./LabsAgainstBaseline";
import type { InfusionEvidence } from "./infusionEvidence";
import "./infusion.css";

/** What the clinician must know first: whether approving is possible, and what needs a second look. */
function Verdict({ evidence }: { evidence: InfusionEvidence }) {
  const gate = evidence.gate?.gate ?? "pre-infusion";
  if (!evidence.cleared) {
    const failed = evidence.gate?.rules.filter((r) => !r.passed).map((r) => `\u201c${r.label}\u201d`) ?? [];
    return (
      <p className="verdict fail">
        The {gate} gate did not pass{failed.length > 0 ? `: ${failed.join(", ")} failed` : ""}. Approving is not available: override with a reason, or reject.
      </p>
    );
  }
  const concerns = [
    ...(evidence.dose.outcome === "reduced-to-annual-cap" ? ["the dose was reduced to stay within the annual cap"] : []),
    ...(evidence.items.some((item) => isObject(item) && item.passed === false) ? ["a check under \u201cAlso considered\u201d does not hold"] : []),
  ];
  if (concerns.length > 0)
    return (
      <p className="verdict warn">
        The {gate} gate passed, but {concerns.join(" and ")}: check before approving.
      </p>
    );
  return <p className="verdict pass">The {gate} gate passed and the dose is within the per-dose and annual caps.</p>;
}

/**
 * An infusion approval's evidence, in the order a clinician checks it: the verdict, the gate's rules,
 * labs against baseline with their trend, the dose with its caps and the rolling-year total, the
 * infusion time, anything else the pathway adds, and the disclaimer that goes with every dose.
 */
export function InfusionEvidenceView({ evidence }: { evidence: InfusionEvidence }) {
  const { dose } = evidence;
  return (
    <div className="evidence infusion-evidence">
      <p className="disclaimer" role="note">
        {evidence.disclaimer}
      </p>
      <Verdict evidence={evidence} />
      <section aria-labelledby="gate-title">
        <h3 id="gate-title">Gate: {evidence.gate?.gate ?? "none evaluated"}</h3>
        <GateRules gate={evidence.gate} />
      </section>
      <section aria-labelledby="labs-title">
        <h3 id="labs-title">Labs against baseline</h3>
        <LabsAgainstBaseline labs={evidence.labs} />
      </section>
      <section aria-labelledby="dose-title">
        <h3 id="dose-title">Dose</h3>
        <DoseSummary dose={dose} />
      </section>
      <section aria-labelledby="infusion-title">
        <h3 id="infusion-title">Infusion time</h3>
        <p>
          <strong>
            At least {dose.infusionMinutes} minutes ({hoursAndMinutes(dose.infusionMinutes)})
          </strong>{" "}
          for each dose.
        </p>
        {dose.infusionExplanation && <p className="explanation">{dose.infusionExplanation}</p>}
      </section>
      {evidence.items.length > 0 && (
        <section aria-labelledby="more-title">
          <h3 id="more-title">Also considered</h3>
          <EvidenceItems items={evidence.items} />
        </section>
      )}
    </div>
  );
}
