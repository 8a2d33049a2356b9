import { formatDate, formatDateTime } from "./format";
import "./trend.css";

const width = 320;
const height = 120;
const pad = 24;
/**
 * Room on the left for the value axis' labels, from the longer label: a fixed margin clipped "2.35 mmol/L" to
 * "5 mmol/L". About 6 viewBox units a character at the axis' 10px font, plus a gap before the axis line.
 */
const axisPadFor = (labels: readonly string[]) => Math.max(40, Math.ceil(Math.max(...labels.map((l) => l.length)) * 6) + 8);

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

/** A rule's limit drawn across the trend (dotted): values beyond it are flagged. */
export interface TrendLimit {
  value: number;
  /** In the legend, e.g. "≥ 2.1 mmol/L (No hypocalcaemia)". */
  label: string;
}

/**
 * A small trend against a reference line (dashed), with any limits (dotted) and the values beyond them flagged, drawn as plain SVG: values evenly spaced in the order taken (a
 * day's values and a month's stay readable side by side), the value axis' lowest and highest values with the unit on
 * the left, the first and last dates under them (dates alone when the values span days, with the time when they are
 * of one day). `summary` is the chart's accessible name and its caption: everything the picture says, as text.
 */
export function TrendChart(props: {
  points: TrendPoint[];
  reference: TrendReference;
  unit: string;
  summary: string;
  seriesLabel: string;
  limits?: readonly TrendLimit[];
  /** Per point, whether it is beyond a limit. */
  flagged?: readonly boolean[];
}) {
  const { points, reference, unit, summary, seriesLabel, limits = [], flagged = [] } = props;
  const values = points.map((p) => p.value);
  const low = Math.min(...values, reference.value, ...limits.map((l) => l.value));
  const high = Math.max(...values, reference.value, ...limits.map((l) => l.value));
  const span = high - low || Math.abs(high) || 1;
  const highLabel = `${high} ${unit}`;
  const lowLabel = `${low} ${unit}`;
  const axisPad = axisPadFor([highLabel, lowLabel]);
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
          {highLabel}
        </text>
        {high !== low && (
          <text x={axisPad - 4} y={y(low) + 4} textAnchor="end" className="axis">
            {lowLabel}
          </text>
        )}
        <line x1={axisPad} x2={width - pad} y1={y(reference.value)} y2={y(reference.value)} className="baseline" />
        {limits.map((l) => (
          <line key={l.label} x1={axisPad} x2={width - pad} y1={y(l.value)} y2={y(l.value)} className="limit" />
        ))}
        <polyline points={values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} className="series" />
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={flagged[i] ? 5 : 3.5} className={flagged[i] ? "point out-of-range" : "point"}>
            <title>{`${v} ${unit} on ${formatDateTime(points[i]?.observedAt)}${flagged[i] ? ", beyond a rule's limit" : ""}`}</title>
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
        {limits.map((l) => (
          <span key={l.label} className="legend-limit">
            {l.label}
          </span>
        ))}
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
