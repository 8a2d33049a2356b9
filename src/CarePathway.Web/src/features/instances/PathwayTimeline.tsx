import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { InstanceSummary, JournalEntry } from "../../api/types";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { instanceQuery, journalQuery, useRetryIncident } from "./api";
import { PathwayActions } from "./PathwayActions";
import { TreatmentPlanView } from "./TreatmentPlanView";

/**
 * One pathway: its treatment plan (cycles, cumulative dose, what is next), where it is now and what it waits for, and
 * its timeline in clinical words (the server's sentences, credited to the person or to "System"), with the raw engine
 * journal one click away.
 */
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
            {d.positions.length === 0 ? "no open step" : d.positions.map((p) => `${p.activityName} (${p.status})`).join(", ")}
            {d.waiting.length > 0 && (
              <ul className="upcoming" aria-label="Upcoming">
                {[...d.waiting]
                  .sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""))
                  .map((w) => (
                    <li key={w.bookmarkId}>
                      <span className="badge">{w.kind}</span> {w.activityName}
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
      <TreatmentPlanView instanceId={id} />
      <Loaded query={journal}>{(entries) => <Journal entries={entries} />}</Loaded>
    </div>
  );
}

/** The timeline in clinical words (entries with a sentence), or, one click away, every entry as the engine journaled it. */
function Journal({ entries }: { entries: JournalEntry[] }) {
  const [raw, setRaw] = useState(false);
  return (
    <>
      <button type="button" aria-pressed={raw} onClick={() => setRaw(!raw)}>
        {raw ? "Show the clinical timeline" : "Show the raw journal"}
      </button>
      {raw ? (
        <ol className="journal raw-journal" aria-label="Raw journal">
          {entries.map((e) => (
            <li key={e.sequence}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> <code>{e.type}</code>
              {e.outcome && <span> → {e.outcome}</span>}
              {e.activityId && <span className="muted"> · {e.activityId}</span>}
              <span className="muted">
                {" "}
                · {e.causeKind}
                {e.actor && ` ${e.actor}`}
              </span>
              <code className="muted small"> {JSON.stringify(e.data)}</code>
            </li>
          ))}
        </ol>
      ) : (
        <ol className="journal" aria-label="Timeline">
          {entries
            .filter((e) => e.summary)
            .map((e) => (
              <li key={e.sequence} className={`by-${e.actorKind}`}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> <span>{e.summary}</span>
                <span className="muted"> · by {e.creditedTo}</span>
              </li>
            ))}
        </ol>
      )}
    </>
  );
}
