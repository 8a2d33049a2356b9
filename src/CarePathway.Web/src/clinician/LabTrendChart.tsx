import type { LabResult } from "../api/types";
import { formatDate } from "../ui/format";

const width = 320;
const height = 120;
const pad = 24;

/**
 * A small trend per lab code: values over time against the baseline (the first value of the
 * course), drawn as plain SVG with a text summary for screen readers.
 */
export function LabTrendCharts({ labs }: { labs: LabResult[] }) {
  const byCode = new Map<string, LabResult[]>();
  for (const lab of [...labs].sort((a, b) => a.observedAt.localeCompare(b.observedAt))) {
    byCode.set(lab.code, [...(byCode.get(lab.code) ?? []), lab]);
  }
  if (byCode.size === 0) return <p className="empty">No lab results recorded for this patient.</p>;
  return (
    <div className="trend-charts">
      {[...byCode.entries()].map(([code, results]) => (
        <LabTrend key={code} code={code} results={results} />
      ))}
    </div>
  );
}

function LabTrend({ code, results }: { code: string; results: LabResult[] }) {
  const values = results.map((r) => Number(r.value));
  const baseline = values[0] ?? 0;
  const latest = values[values.length - 1] ?? 0;
  const low = Math.min(...values, baseline);
  const high = Math.max(...values, baseline);
  const span = high - low || Math.abs(high) || 1;
  const x = (i: number) => (results.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (results.length - 1));
  const y = (v: number) => height - pad - ((v - low) / span) * (height - 2 * pad);
  const change = baseline === 0 ? 0 : ((latest - baseline) / baseline) * 100;
  const unit = results[0]?.unit ?? "";
  const summary = `${code}: baseline ${baseline} ${unit}, latest ${latest} ${unit} (${change >= 0 ? "+" : ""}${change.toFixed(0)}% from baseline), ${results.length} results`;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line x1={pad} x2={width - pad} y1={y(baseline)} y2={y(baseline)} className="baseline" />
        <text x={width - pad} y={y(baseline) - 4} textAnchor="end" className="axis">
          baseline {baseline}
        </text>
        <polyline points={values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} className="series" />
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={3.5} className="point">
            <title>{`${v} ${unit} on ${formatDate(results[i]?.observedAt)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
