import { formatDateTime } from "../../../ui/format";
import type { MissedDose } from "./missedDoses";

/** The doses of the cycle under review that were not given: which, when, by whom and why, so the review weighs them. */
export function MissedDosesView({ summary, doses }: { summary: string | null; doses: MissedDose[] }) {
  return (
    <section className="missed-doses" aria-label="Doses not given">
      <h3>Doses not given</h3>
      {summary && <p role="status">{summary}</p>}
      <ul className="plain">
        {doses.map((d, i) => (
          <li key={i}>
            Cycle {d.cycle}, day {d.cycleDay}: {d.drug} {d.plannedMg} mg, recorded not given {formatDateTime(d.recordedAt)} by {d.recordedBy}
            {" — "}
            {d.reason ? d.reason : "no reason recorded"}
          </li>
        ))}
      </ul>
    </section>
  );
}
