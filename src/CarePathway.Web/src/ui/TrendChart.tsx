import { formatDate, formatDateTime } from "./format";
import "./trend.css";

const width = 320;
const height = 120;
const pad = 24;
/** Room on the left for the value axis' labels. */
const axisPad = 52;

/** One value on a trend and when it was taken. */
export interface TrendPoint {
  value: number;
  observedAt: string;
}

/** The line a trend is read against (dashed): a lab's baseline, a dose's annual cap. */
export interface TrendReference {
  value: number;
  /** In the legend, e.g. "baseline 0.55 mg/dL" or "annual cap 414 mg". */
  label: string;
}

/**
 * A small trend against a reference line (dashed), drawn as plain SVG: values evenly spaced in the order taken (a
 * day's values and a month's stay readable side by side), the value axis' lowest and highest values with the unit on
 * the left, the first and last dates under them (dates alone when the values span days, with the time when they are
 * of one day). `summary` is the chart's accessible name and its caption: everything the picture says, as text.
 */
export function TrendChart(props: { points: TrendPoint[]; reference: TrendReference; unit: string; summary: string; seriesLabel: string }) {
  const { points, reference, unit, summary, seriesLabel } = props;
  const values = points.map((p) => p.value);
  const low = Math.min(...values, reference.value);
  const high = Math.max(...values, reference.value);
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
        <line x1={axisPad} x2={width - pad} y1={y(reference.value)} y2={y(reference.value)} className="baseline" />
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
        <span className="legend-series">{seriesLabel}</span>
        <span className="legend-baseline">{reference.label}</span>
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
