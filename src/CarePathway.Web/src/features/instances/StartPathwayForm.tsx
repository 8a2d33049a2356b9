import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Field } from "../../ui/Field";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { submission } from "../../ui/submission";
import { definitionListQuery } from "../designer/api";
import { useStartInstance } from "./api";

/** Starts a pathway for the patient on its published version (the server pins the instance to it). */
export function StartPathwayForm({ patientId }: { patientId: string }) {
  const definitions = useQuery(definitionListQuery());
  const startable = (definitions.data ?? []).filter((d) => d.publishedVersion != null);
  const [definitionId, setDefinitionId] = useState("");
  const chosen = definitionId || startable[0]?.definitionId || "";
  const start = submission(useStartInstance());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await start.submit({ definitionId: chosen, patientId, version: null, parameters: null }).catch(() => undefined);
  };
  return (
    <form onSubmit={submit} className="subform" aria-labelledby="start-title">
      <h3 id="start-title">Start a pathway</h3>
      <div className="row">
        <Field label="Pathway" errors={start.fieldErrors("definitionId")}>
          <select value={chosen} onChange={(e) => setDefinitionId(e.target.value)}>
            {startable.map((d) => (
              <option key={d.definitionId} value={d.definitionId}>
                {d.name} (v{d.publishedVersion})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorBanner error={start.error} claimedFields={["definitionId"]} />
      <button type="submit" disabled={start.busy || !chosen}>
        Start pathway
      </button>
    </form>
  );
}
