import { capitalised, formatDateTime } from "../../../ui/format";
import { LabTrend } from "./LabTrendChart";
import type { LabAgainstBaseline, Measured } from "./infusionEvidence";
import { describeLimit, limitsIn, outOfRange } from "./labLimits";

const signed = (percent: number) => `${percent > 0 ? "+" : ""}${percent}%`;
const measured = (m: Measured) => `${m.value} ${m.unit}`;

/** Each lab the pathway shows against the course baseline: latest, baseline, change, and the trend of every result. */
export function LabsAgainstBaseline({ labs }: { labs: LabAgainstBaseline[] }) {
  if (labs.length === 0) return <p className="empty">This approval shows no labs.</p>;
  return (
    <div className="labs-against-baseline">
      {labs.map((lab) => (
        <LabAgainstBaselineView key={lab.code} lab={lab} />
      ))}
    </div>
  );
}

function LabAgainstBaselineView({ lab }: { lab: LabAgainstBaseline }) {
  const title = `${capitalised(lab.name)} (${lab.code})`;
  const latest = lab.history[lab.history.length - 1];
  const change = lab.changePercent === null ? "" : `, ${signed(lab.changePercent)} from baseline`;
  // Only results in the baseline's unit share its axis; any others are counted, never plotted as bare numbers.
  const comparable = lab.baseline ? lab.history.filter((h) => h.unit === lab.baseline?.unit) : [];
  const otherUnits = lab.history.length - comparable.length;
  const limits = lab.baseline ? limitsIn(lab.thresholds, lab.baseline.unit) : [];
  const flagged = outOfRange(comparable, limits);
  const beyond = flagged.filter(Boolean).length;
  const limitText =
    limits.length === 0
      ? ""
      : `; limit ${limits.map((l) => describeLimit(l, lab.baseline?.unit ?? "")).join(", ")}, ${beyond === 0 ? "no result" : beyond === 1 ? "1 result" : `${beyond} results`} beyond it`;
  return (
    <div className="lab-against-baseline">
      <div>
        <h4>{title}</h4>
        <dl className="values">
          <div>
            <dt>Latest</dt>
            <dd>{lab.value === null ? "no result recorded" : `${lab.value} ${lab.unit ?? ""}${latest ? ` on ${formatDateTime(latest.observedAt)}` : ""}`}</dd>
          </div>
          <div>
            <dt>Baseline</dt>
            <dd>{lab.baseline ? `${measured(lab.baseline)} on ${formatDateTime(lab.baseline.observedAt)}` : "no baseline captured"}</dd>
          </div>
          <div>
            <dt>Change</dt>
            <dd>{lab.changePercent === null ? "not comparable" : `${signed(lab.changePercent)} from baseline`}</dd>
          </div>
        </dl>
      </div>
      {lab.baseline && lab.value !== null && comparable.length > 0 ? (
        <LabTrend
          points={comparable}
          baseline={lab.baseline.value}
          unit={lab.baseline.unit}
          limits={limits.map((l) => ({ value: l.value, label: describeLimit(l, lab.baseline?.unit ?? "") }))}
          flagged={flagged}
          summary={
            `${title} trend: baseline ${measured(lab.baseline)}, latest ${lab.value} ${lab.unit ?? ""}${change}, ${comparable.length} results` +
            (otherUnits > 0 ? ` (${otherUnits} in other units not shown)` : "") +
            limitText
          }
        />
      ) : (
        <p className="empty">No trend: it needs a baseline and a latest result.</p>
      )}
    </div>
  );
}
