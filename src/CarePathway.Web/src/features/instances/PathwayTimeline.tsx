import { useQuery } from "@tanstack/react-query";
import type { InstanceSummary } from "../../api/types";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { instanceQuery, journalQuery, useRetryIncident } from "./api";
import { journalText } from "./journalText";
import { PathwayActions } from "./PathwayActions";

/** One pathway: the steps done (journal), where it is now, and what it waits for next (timers, tasks, results). */
export function PathwayTimeline({ instance }: { instance: InstanceSummary }) {
  const id = instance.id;
  const detail = useQuery(instanceQuery(id));
  const journal = useQuery(journalQuery(id));
  const retry = useRetryIncident();

  return (
    <div className="timeline" aria-label={`Pathway ${instance.definitionId} version ${instance.version}`}>
      <h3>
        {instance.definitionId} <span className="badge">v{instance.version}</span> <span className={`badge status-${instance.status}`}>{instance.status}</span>
      </h3>
      <PathwayActions instance={instance} />
      <Loaded query={detail}>
        {(d) => (
          <div className="now">
            <strong>Now: </strong>
            {d.positions.length === 0 ? "no open step" : d.positions.map((p) => `${p.activityId} (${p.status})`).join(", ")}
            {d.waiting.length > 0 && (
              <ul className="upcoming" aria-label="Upcoming">
                {[...d.waiting]
                  .sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""))
                  .map((w) => (
                    <li key={w.bookmarkId}>
                      <span className="badge">{w.kind}</span> {w.activityId}
                      {w.eventType && ` · waiting for ${w.eventType} ${w.eventKey ?? ""}`}
                      {w.dueAt && ` · due ${formatDateTime(w.dueAt)}`}
                    </li>
                  ))}
              </ul>
            )}
            {d.incidents
              .filter((i) => !i.resolvedAt)
              .map((i) => (
                <div key={i.id} className="banner banner-error" role="alert">
                  Incident at {i.activityId}: {i.message}{" "}
                  {/* Retrying runs the step again; if it fails again, a new incident says so. Nothing is lost, so no confirmation. */}
                  <button
                    type="button"
                    aria-label={`Retry the step at ${i.activityId}`}
                    disabled={retry.isPending}
                    onClick={() => retry.mutate({ instanceId: id, incidentId: i.id })}
                  >
                    Retry the step
                  </button>
                </div>
              ))}
            <ErrorBanner error={retry.error} />
          </div>
        )}
      </Loaded>
      <Loaded query={journal}>
        {(entries) => (
          <ol className="journal">
            {entries.map((e) => (
              <li key={e.sequence}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> <span>{journalText(e)}</span>
                {e.activityId && <span className="muted"> · {e.activityId}</span>}
                {e.actor && <span className="muted"> · by {e.actor}</span>}
              </li>
            ))}
          </ol>
        )}
      </Loaded>
    </div>
  );
}
