import type { LabResult } from "../../../api/types";
import { formatDate, formatDateTime } from "../../../ui/format";
import "./trend.css";

const width = 320;
const height = 120;
const pad = 24;
/** Room on the left for the value axis' labels. */
const axisPad = 52;

/** One result on a trend: its value (in the trend's unit) and when it was drawn. */
export interface TrendPoint {
  value: number;
  observedAt: string;
}

/**
 * A small trend of one lab against its baseline (dashed line), drawn as plain SVG: results evenly
 * spaced in the order drawn (a day's results and a month's stay readable side by side), the value
 * axis' lowest and highest values with the unit on the left, the first and last dates under them
 * (dates alone when the results span days, with the time when they are of one day). `summary` is the
 * chart's accessible name and its caption: everything the picture says, as text.
 */
export function LabTrend({ points, baseline, unit, summary }: { points: TrendPoint[]; baseline: number; unit: string; summary: string }) {
  const values = points.map((p) => p.value);
  const low = Math.min(...values, baseline);
  const high = Math.max(...values, baseline);
  const span = high - low || Math.abs(high) || 1;
  const x = (i: number) => (points.length === 1 ? (axisPad + width - pad) / 2 : axisPad + (i * (width - axisPad - pad)) / (points.length - 1));
  const y = (v: number) => height - pad - ((v - low) / span) * (height - 2 * pad);
  const last = points.length - 1;
  const first = points[0]?.observedAt;
  const final = points[last]?.observedAt;
  const oneDay = first !== undefined && final !== undefined && formatDate(first) === formatDate(final);
  const dateLabel = oneDay ? formatDateTime : formatDate;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line x1={axisPad} x2={axisPad} y1={pad / 2} y2={height - pad} className="axis-line" />
        <text x={axisPad - 4} y={y(high) + 4} textAnchor="end" className="axis">
          {`${high} ${unit}`}
        </text>
        {high !== low && (
          <text x={axisPad - 4} y={y(low) + 4} textAnchor="end" className="axis">
            {`${low} ${unit}`}
          </text>
        )}
        <line x1={axisPad} x2={width - pad} y1={y(baseline)} y2={y(baseline)} className="baseline" />
        <polyline points={values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} className="series" />
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={3.5} className="point">
            <title>{`${v} ${unit} on ${formatDateTime(points[i]?.observedAt)}`}</title>
          </circle>
        ))}
        <text x={x(0)} y={height - 6} textAnchor={last === 0 ? "middle" : "start"} className="axis">
          {dateLabel(first)}
        </text>
        {last > 0 && (
          <text x={x(last)} y={height - 6} textAnchor="end" className="axis">
            {dateLabel(final)}
          </text>
        )}
      </svg>
      {/* The legend repeats what the caption says; hidden from screen readers, which read the caption. */}
      <div className="trend-legend" aria-hidden="true">
        <span className="legend-series">results</span>
        <span className="legend-baseline">
          baseline {baseline} {unit}
        </span>
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

/**
 * Every lab of a patient, one trend per code, against the first value recorded (the sample
 * pathway has no captured baseline; an infusion approval's evidence carries its own).
 */
export function LabTrendCharts({ labs }: { labs: LabResult[] }) {
  const byCode = new Map<string, LabResult[]>();
  for (const lab of [...labs].sort((a, b) => a.observedAt.localeCompare(b.observedAt))) {
    byCode.set(lab.code, [...(byCode.get(lab.code) ?? []), lab]);
  }
  if (byCode.size === 0) return <p className="empty">No lab results recorded for this patient.</p>;
  return (
    <div className="trend-charts">
      {[...byCode.entries()].map(([code, results]) => {
        const points = results.map((r) => ({ value: Number(r.value), observedAt: r.observedAt }));
        const baseline = points[0]?.value ?? 0;
        const latest = points[points.length - 1]?.value ?? 0;
        const change = baseline === 0 ? 0 : ((latest - baseline) / baseline) * 100;
        const unit = results[0]?.unit ?? "";
        // Titled with the test's name, as the catalog gives it, and its code.
        const title = results[0]?.name && results[0].name !== code ? `${results[0].name} (${code})` : code;
        const summary = `${title}: baseline ${baseline} ${unit}, latest ${latest} ${unit} (${change >= 0 ? "+" : ""}${change.toFixed(0)}% from baseline), ${results.length} results`;
        return (
          <div key={code}>
            <h3 className="trend-title">{title}</h3>
            <LabTrend points={points} baseline={baseline} unit={unit} summary={summary} />
          </div>
        );
      })}
    </div>
  );
}
