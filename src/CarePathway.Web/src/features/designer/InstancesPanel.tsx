import type { UseQueryResult } from "@tanstack/react-query";
import type { ActivityPosition } from "../../api/types";
import { PatientRecordLink } from "../patients";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { formatDateTime } from "../../ui/format";
import { LoadingSkeleton } from "../../ui/Loading";

interface InstancesPanelProps {
  positions: UseQueryResult<ActivityPosition[]>;
  selectedId: string | null;
  onSelectActivity: (id: string) => void;
}

/** Where the running instances of this version are: a count per activity, and who is at the selected one. */
export function InstancesPanel({ positions, selectedId, onSelectActivity }: InstancesPanelProps) {
  const list = positions.data ?? [];
  const selected = list.find((p) => p.activityId === selectedId);
  return (
    <section aria-labelledby="instances-title" className="tool-panel instances">
      <h2 id="instances-title">Instances on this version</h2>
      <ErrorBanner error={positions.error} />
      {positions.isPending && <LoadingSkeleton lines={2} />}
      {positions.isSuccess && list.length === 0 && <p>No instance of this version is running.</p>}
      {list.length > 0 && (
        <div className="instances-grid">
          <div>
            <p className="muted small">
              Running instances are at {list.length} activit{list.length === 1 ? "y" : "ies"}, outlined on the diagram with their count.
            </p>
            <ul className="plain">
              {list.map((p) => (
                <li key={p.activityId}>
                  <button type="button" className="link" aria-pressed={p.activityId === selectedId} onClick={() => onSelectActivity(p.activityId)}>
                    {p.activityId}
                  </button>{" "}
                  <span className="badge badge-ok">{p.count}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            {selected ? (
              <table className="grid compact">
                <caption>
                  At <strong>{selected.activityId}</strong>: {selected.count} instance{Number(selected.count) === 1 ? "" : "s"}
                  {selected.instances.length < Number(selected.count) && `, the ${selected.instances.length} waiting longest listed`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Patient</th>
                    <th scope="col">Waiting for</th>
                    <th scope="col">Since</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {selected.instances.map((i) => (
                    <tr key={i.instanceId}>
                      <td>
                        <PatientRecordLink id={i.patientId} name={i.patientName} />
                      </td>
                      <td>{i.waitingFor}</td>
                      <td>{formatDateTime(i.since)}</td>
                      <td>{i.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">Select an activity (here or on the diagram) to list the instances at it.</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
