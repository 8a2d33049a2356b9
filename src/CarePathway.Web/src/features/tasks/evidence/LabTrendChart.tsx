import type { LabResult } from "../../../api/types";
import { formatDateTime } from "../../../ui/format";
import "./trend.css";

const width = 320;
const height = 120;
const pad = 24;

/** One result on a trend: its value (in the trend's unit) and when it was drawn. */
export interface TrendPoint {
  value: number;
  observedAt: string;
}

/**
 * A small trend of one lab against its baseline (dashed line), drawn as plain SVG: results evenly
 * spaced in the order drawn (a day's results and a month's stay readable side by side), the first
 * and last dates under them. `summary` is the chart's accessible name and its caption: everything
 * the picture says, as text.
 */
export function LabTrend({ points, baseline, unit, summary }: { points: TrendPoint[]; baseline: number; unit: string; summary: string }) {
  const values = points.map((p) => p.value);
  const low = Math.min(...values, baseline);
  const high = Math.max(...values, baseline);
  const span = high - low || Math.abs(high) || 1;
  const x = (i: number) => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - ((v - low) / span) * (height - 2 * pad);
  const last = points.length - 1;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line x1={pad} x2={width - pad} y1={y(baseline)} y2={y(baseline)} className="baseline" />
        <polyline points={values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} className="series" />
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={3.5} className="point">
            <title>{`${v} ${unit} on ${formatDateTime(points[i]?.observedAt)}`}</title>
          </circle>
        ))}
        <text x={x(0)} y={height - 6} textAnchor={last === 0 ? "middle" : "start"} className="axis">
          {formatDateTime(points[0]?.observedAt)}
        </text>
        {last > 0 && (
          <text x={x(last)} y={height - 6} textAnchor="end" className="axis">
            {formatDateTime(points[last]?.observedAt)}
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
        const summary = `${code}: baseline ${baseline} ${unit}, latest ${latest} ${unit} (${change >= 0 ? "+" : ""}${change.toFixed(0)}% from baseline), ${results.length} results`;
        return <LabTrend key={code} points={points} baseline={baseline} unit={unit} summary={summary} />;
      })}
    </div>
  );
}
