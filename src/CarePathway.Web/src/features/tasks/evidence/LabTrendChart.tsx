import type { LabResult } from "../../../api/types";
import { TrendChart, type TrendLimit, type TrendPoint } from "../../../ui/TrendChart";

/**
 * A small trend of one lab against its baseline (dashed line): the shared trend chart, read against the baseline, with
 * the gates' limits (dotted) and the results beyond them flagged.
 */
export function LabTrend(props: {
  points: TrendPoint[];
  baseline: number;
  unit: string;
  summary: string;
  limits?: readonly TrendLimit[];
  flagged?: readonly boolean[];
}) {
  const { baseline, unit, ...chart } = props;
  return <TrendChart {...chart} reference={{ value: baseline, label: `baseline ${baseline} ${unit}` }} unit={unit} seriesLabel="results" />;
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
        const summary = `${title}: baseline ${baseline} ${unit}, latest ${latest} ${unit} (${change >= 0 ? "+" : ""}${change.toFixed(0)}% from baseline), ${results.length} ${results.length === 1 ? "result" : "results"}`;
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
