import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { components } from "../../api/schema";
import { definitionListQuery } from "../designer/api";
import { kindText } from "../tasks";
import { staffQuery } from "../tasks/api";
import type { WorklistFilters } from "./worklistTabs";

type KindCount = components["schemas"]["KindCount"];

/**
 * The filters every tab shares: pathway, task kind (only the kinds open now, with how many), patient (name or MRN,
 * sent 300 ms after typing stops) and who has the task. Each change goes to the URL, so a view can be bookmarked,
 * shared and reloaded as it is.
 */
export function WorklistFiltersBar({
  filters,
  kinds,
  onChange,
}: {
  filters: WorklistFilters;
  kinds: KindCount[];
  onChange: (changes: Partial<WorklistFilters>) => void;
}) {
  const definitions = useQuery(definitionListQuery());
  const staff = useQuery(staffQuery());
  const [patient, setPatient] = useState(filters.patient);
  // The URL changed under the box (back button, a link): show what it now filters by.
  const [shown, setShown] = useState(filters.patient);
  if (shown !== filters.patient) {
    setShown(filters.patient);
    setPatient(filters.patient);
  }
  useEffect(() => {
    if (patient === filters.patient) return;
    const timer = setTimeout(() => onChange({ patient }), 300);
    return () => clearTimeout(timer);
  }, [patient, filters.patient, onChange]);

  // A kind filtered on but no longer open still shows, so the select says what the list is filtered by.
  const kindOptions = filters.kind && !kinds.some((k) => k.kind === filters.kind) ? [...kinds, { kind: filters.kind, count: 0 }] : kinds;
  return (
    <div className="filters" role="group" aria-label="Filters">
      <label>
        Pathway
        <select aria-label="Pathway" value={filters.definitionId} onChange={(e) => onChange({ definitionId: e.target.value })}>
          <option value="">every pathway</option>
          {(definitions.data ?? []).map((d) => (
            <option key={d.definitionId} value={d.definitionId}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Task kind
        <select aria-label="Task kind" value={filters.kind} onChange={(e) => onChange({ kind: e.target.value })}>
          <option value="">every kind</option>
          {kindOptions.map((k) => (
            <option key={k.kind} value={k.kind}>
              {kindText(k.kind)} ({Number(k.count)})
            </option>
          ))}
        </select>
      </label>
      <label>
        Patient
        <input type="search" aria-label="Patient" value={patient} placeholder="name or MRN" onChange={(e) => setPatient(e.target.value)} />
      </label>
      <label>
        Assigned to
        <select aria-label="Assigned to" value={filters.assignee} onChange={(e) => onChange({ assignee: e.target.value })}>
          <option value="">anyone (team work)</option>
          <option value="me">me (my work)</option>
          <option value="none">nobody yet</option>
          {(staff.data ?? []).map((s) => (
            <option key={s.userName} value={s.userName}>
              {s.displayName}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
