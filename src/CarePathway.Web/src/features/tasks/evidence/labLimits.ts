import type { LabThreshold, Measured } from "./infusionEvidence";

/** Whether a result meets a rule's limit, compared as the engine compared it (the limit's full value, same unit). */
export function meets(value: number, limit: LabThreshold): boolean {
  switch (limit.operator) {
    case "<":
      return value < limit.value;
    case "<=":
      return value <= limit.value;
    case ">":
      return value > limit.value;
    case ">=":
      return value >= limit.value;
  }
}

/** The limits that can be drawn on a trend in `unit`: one a rule gave in another unit would sit on the wrong axis. */
export const limitsIn = (thresholds: readonly LabThreshold[] | undefined, unit: string) => (thresholds ?? []).filter((t) => t.unit === null || t.unit === unit);

/** "≥ 2.1 mmol/L (No hypocalcaemia)": the limit as the legend and the chart's caption say it. */
export const describeLimit = (limit: LabThreshold, unit: string) => `${symbol[limit.operator]} ${limit.value} ${limit.unit ?? unit} (${limit.rule})`;

const symbol: Record<LabThreshold["operator"], string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥" };

/** For each result, whether it falls outside any of the limits (flagged on the trend). */
export const outOfRange = (points: readonly Measured[], limits: readonly LabThreshold[]) => points.map((p) => limits.some((l) => !meets(p.value, l)));
