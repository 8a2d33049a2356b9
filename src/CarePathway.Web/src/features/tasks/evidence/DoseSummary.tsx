import type { DoseEvidence } from "./infusionEvidence";

const mg = (value: number | null) => (value === null ? "—" : `${value} mg`);
const mgPerKg = (value: number | null) => (value === null ? "—" : `${value} mg/kg`);

/** "36 mg on each of 3 days", or each day's dose when they differ (a cycle reduced to the annual cap). */
function perDay(doses: number[]) {
  const first = doses[0];
  if (first !== undefined && doses.every((d) => d === first)) return `${first} mg on each of ${doses.length} day${doses.length === 1 ? "" : "s"}`;
  return doses.map((d, i) => `day ${i + 1}: ${d} mg`).join(", ");
}

/**
 * The cycle's dose as the engine planned it: per-day mg, the rate and the weight it came from, the
 * per-dose cap, and the rolling-year picture (given so far, this cycle, what the annual cap leaves).
 */
export function DoseSummary({ dose }: { dose: DoseEvidence }) {
  return (
    <>
      {dose.outcome === "reduced-to-annual-cap" && (
        <p className="banner banner-warn">
          <strong>Reduced to the annual cap.</strong> The full cycle would take the rolling-year total above {mgPerKg(dose.annualCapMgPerKg)}: the doses below
          are the most the cap allows. Check them before approving.
        </p>
      )}
      <dl className="values dose">
        <div>
          <dt>Dose</dt>
          <dd>
            <strong>{perDay(dose.doses)}</strong> ({dose.drug}, cycle {dose.cycle})
          </dd>
        </div>
        {dose.mgPerKg !== null && (
          <div>
            <dt>Calculated from</dt>
            <dd>
              {mgPerKg(dose.mgPerKg)} per dose × {dose.weightKg} kg (latest weight)
            </dd>
          </div>
        )}
        <div>
          <dt>Per-dose cap</dt>
          <dd>
            {mg(dose.perDoseCapMg)}
            {dose.perDoseCapMg !== null &&
              (dose.cappedPerDose ? <span className="badge badge-warn">applied: the dose was lowered to it</span> : " (not reached)")}
          </dd>
        </div>
        <div>
          <dt>Cycle total</dt>
          <dd>{mg(dose.totalMg)}</dd>
        </div>
        {dose.dosesGivenThisCycle > 0 && (
          <div>
            <dt>Given so far in this cycle</dt>
            <dd>
              <strong>
                {mg(dose.givenThisCycleMg)} ({dose.dosesGivenThisCycle} of {dose.doses.length} doses)
              </strong>
            </dd>
          </div>
        )}
        {dose.annualCapMgPerKg !== null && (
          <>
            <div>
              <dt>Annual cap (rolling 365 days)</dt>
              <dd>
                {mgPerKg(dose.annualCapMgPerKg)} = {mg(dose.annualCapMg)}
              </dd>
            </div>
            <div>
              <dt>Given in the 365 days before this cycle</dt>
              <dd>
                {mg(dose.administeredMg365Before)} ({mgPerKg(dose.cumulativeMgPerKg365Before)})
              </dd>
            </div>
            <div>
              <dt>After this cycle</dt>
              <dd>
                {mgPerKg(dose.cumulativeMgPerKg365After)} of {mgPerKg(dose.annualCapMgPerKg)}
              </dd>
            </div>
            <div>
              <dt>Left under the cap after this cycle</dt>
              <dd>
                {mg(dose.remainingMg365After)} ({mgPerKg(dose.remainingMgPerKg365After)})
              </dd>
            </div>
          </>
        )}
      </dl>
      <details className="working">
        <summary>How the dose was calculated</summary>
        <p className="explanation">{dose.explanation}</p>
      </details>
    </>
  );
}
