import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Field } from "../../ui/Field";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loaded } from "../../ui/Loading";
import { submission } from "../../ui/submission";
import { eligiblePathwaysQuery, useStartInstance } from "./api";

/**
 * Starts a pathway for the patient on its published version (the server pins the instance to it). It offers the
 * pathways the server says the patient may start now; the others are listed disabled with why (the rule not met,
 * or the running course of the same group), so nobody picks a start the server would refuse. What was picked stays
 * picked after a start: the form says what started and does not jump back to the first pathway.
 */
export function StartPathwayForm({ patientId }: { patientId: string }) {
  const pathways = useQuery(eligiblePathwaysQuery(patientId));
  const [picked, setPicked] = useState("");
  const [started, setStarted] = useState<string | null>(null);
  const start = submission(useStartInstance());
  return (
    <Loaded query={pathways}>
      {(all) => {
        const eligible = all.filter((p) => p.eligible);
        const chosen = all.find((p) => p.definitionId === picked) ?? eligible[0];
        const ineligible = all.filter((p) => !p.eligible);
        const submit = async (e: FormEvent) => {
          e.preventDefault();
          if (!chosen) return;
          await start
            .submit({ definitionId: chosen.definitionId, patientId, version: null, parameters: null })
            .then(() => {
              setPicked(chosen.definitionId);
              setStarted(`${chosen.name} (v${chosen.version})`);
            })
            .catch(() => undefined);
        };
        return (
          <form onSubmit={submit} className="subform" aria-labelledby="start-title">
            <h3 id="start-title">Start a pathway</h3>
            <div className="row">
              <Field label="Pathway" errors={start.fieldErrors("definitionId")}>
                <select
                  value={chosen?.definitionId ?? ""}
                  onChange={(e) => {
                    setPicked(e.target.value);
                    setStarted(null);
                  }}
                >
                  {all.map((p) => (
                    <option key={p.definitionId} value={p.definitionId} disabled={!p.eligible}>
                      {p.name} (v{p.version}){p.eligible ? "" : " (not eligible)"}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            {ineligible.length > 0 && (
              <details className="not-eligible">
                <summary>
                  {ineligible.length} pathway{ineligible.length === 1 ? " is" : "s are"} not offered for this patient
                </summary>
                <ul aria-label="Pathways not offered">
                  {ineligible.map((p) => (
                    <li key={p.definitionId}>
                      <strong>{p.name}</strong>: {[...p.notMet, ...(p.runningCourse ? [p.runningCourse] : [])].join("; ")}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <ErrorBanner error={start.error} claimedFields={["definitionId"]} />
            {started && (
              <p className="saved" role="status">
                Started {started}.
              </p>
            )}
            <button type="submit" disabled={start.busy || !chosen?.eligible}>
              Start pathway
            </button>
          </form>
        );
      }}
    </Loaded>
  );
}
