import { useQuery } from "@tanstack/react-query";
import type { components } from "../../api/schema";
import { Loaded } from "../../ui/Loading";
import { TrendChart } from "../../ui/TrendChart";
import { formatDate, formatDateTime } from "../../ui/format";
import { treatmentPlanQuery } from "./api";
import "./plan.css";

type Plan = components["schemas"]["TreatmentPlan"];
type Cycle = components["schemas"]["PlanCycle"];
type Day = components["schemas"]["PlanDay"];

/**
 * A course at a glance, as an EHR's treatment plan: each cycle's days with their dose and status (planned, given, held,
 * deferred), the rolling-year dose against the annual cap after each dose given, and what is next and when. Every figure
 * is the server's (`GET /api/instances/{id}/plan`); a pathway that plans no doses shows only what is next.
 */
export function TreatmentPlanView({ instanceId }: { instanceId: string }) {
  const plan = useQuery(treatmentPlanQuery(instanceId));
  return <Loaded query={plan}>{(p) => <PlanSections plan={p} />}</Loaded>;
}

function PlanSections({ plan }: { plan: Plan }) {
  const titleId = `plan-${plan.instanceId}`;
  return (
    <section className="treatment-plan" aria-labelledby={titleId}>
      <h4 id={titleId}>Treatment plan{plan.drug ? `: ${plan.drug}` : ""}</h4>
      <NextSteps plan={plan} />
      {plan.cycles.length > 0 && <CycleTable cycles={plan.cycles} />}
      {plan.cumulative.points.length > 0 && <CumulativeChart cumulative={plan.cumulative} />}
    </section>
  );
}

function NextSteps({ plan }: { plan: Plan }) {
  if (plan.next.length === 0) return <p className="empty">Nothing is next: the pathway waits for nothing.</p>;
  return (
    <div className="plan-next">
      <strong>Next: </strong>
      <ul aria-label="Next" className="plain">
        {plan.next.map((n, i) => (
          <li key={`${n.kind}-${n.taskId ?? n.activityId ?? i}`}>
            {n.what} <span className="muted">{n.when ? `· ${formatDateTime(n.when)}` : "· no date"}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Each status with the badge that colours it (given green, held red, deferred amber). */
const statusBadges: Record<Day["status"], string> = { planned: "badge", given: "badge badge-ok", held: "badge badge-danger", deferred: "badge badge-warn" };

function CycleTable({ cycles }: { cycles: Cycle[] }) {
  return (
    <table className="grid compact plan-table" aria-label="Cycles and days">
      <thead>
        <tr>
          <th scope="col">Cycle</th>
          <th scope="col">Day</th>
          <th scope="col">Planned</th>
          <th scope="col">Status</th>
          <th scope="col">Given</th>
        </tr>
      </thead>
      <tbody>
        {cycles.flatMap((c) =>
          c.days.map((d) => (
            <tr key={`${c.cycle}-${d.day}`} className={`plan-${d.status}`}>
              {d.day === 1 && (
                <th scope="rowgroup" rowSpan={c.days.length}>
                  Cycle {c.cycle}
                  <div className="muted small">
                    planned {formatDate(c.plannedAt)}
                    {c.decision && ` · ${c.decision} by ${c.decidedBy}`}
                  </div>
                </th>
              )}
              <td>Day {d.day}</td>
              <td>{d.plannedMg} mg</td>
              <td>
                <span className={statusBadges[d.status]}>{d.status}</span>
                {d.heldBecause && <div className="muted small">{d.heldBecause}</div>}
              </td>
              <td>
                {d.givenAt
                  ? `${d.givenMg} mg on ${formatDateTime(d.givenAt)}${d.infusionMinutes ? ` over ${d.infusionMinutes} min` : ""} by ${d.givenBy}`
                  : "—"}
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function CumulativeChart({ cumulative }: { cumulative: Plan["cumulative"] }) {
  const cap = cumulative.annualCapMg;
  const points = cumulative.points.map((p) => ({ value: Number(p.rollingYearMg), observedAt: p.at }));
  const latest = cumulative.points[cumulative.points.length - 1];
  const perKg = latest?.rollingYearMgPerKg != null ? ` (${latest.rollingYearMgPerKg} mg/kg)` : "";
  const summary =
    `Cumulative dose in the rolling year: ${latest?.rollingYearMg ?? 0} mg${perKg} after ${points.length} dose${points.length === 1 ? "" : "s"}` +
    (cap != null ? ` of an annual cap of ${cap} mg (${cumulative.annualCapMgPerKg} mg/kg at ${cumulative.weightKg} kg)` : ", no annual cap");
  return (
    <div className="plan-cumulative">
      <h5>Cumulative dose against the annual cap</h5>
      <TrendChart
        points={points}
        reference={{ value: Number(cap ?? latest?.rollingYearMg ?? 0), label: cap != null ? `annual cap ${cap} mg` : "no annual cap" }}
        unit="mg"
        summary={summary}
        seriesLabel="given in the rolling year"
      />
    </div>
  );
}
