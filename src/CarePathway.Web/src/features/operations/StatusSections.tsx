import { useQuery } from "@tanstack/react-query";
import { PatientRecordLink } from "../patients";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { formatDateTime } from "../../ui/format";
import { Loaded } from "../../ui/Loading";
import { useRetryIncident } from "../instances/api";
import { failedJobsQuery, incidentsQuery, timersQuery } from "./api";

/** "95 s", "12 min", "3 h": how late a timer is, at the scale that matters. */
const lateness = (seconds: number) =>
  seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;

export function TimersSection() {
  const timers = useQuery(timersQuery());
  return (
    <section aria-labelledby="timers-title">
      <h2 id="timers-title">Timers</h2>
      <Loaded query={timers}>
        {(data) => (
          <>
            <p aria-label="Timer counts">
              <span className={Number(data.late) > 0 ? "badge badge-warn" : "badge"}>{data.late} late</span> <span className="badge">{data.due} due</span>{" "}
              <span className="badge">{data.waiting} waiting</span>
            </p>
            {data.timers.length === 0 ? (
              <p className="empty">No timer is waiting.</p>
            ) : (
              <div className="table-scroll">
                <table className="grid">
                  <caption className="visually-hidden">Timers not yet fired, soonest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Due</th>
                      <th scope="col">Patient</th>
                      <th scope="col">Pathway</th>
                      <th scope="col">State</th>
                      <th scope="col">Late by</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.timers.map((t) => (
                      <tr key={t.id} className={t.late ? "overdue" : undefined}>
                        <td className="nowrap">{formatDateTime(t.dueAt)}</td>
                        <td>
                          <PatientRecordLink id={t.patientId} name={t.patientName} />
                        </td>
                        <td>{t.definitionId}</td>
                        <td>{t.state}</td>
                        <td>{Number(t.lateBySeconds) > 0 ? lateness(Number(t.lateBySeconds)) : "not yet due"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

export function IncidentsSection({ onAudit }: { onAudit: (patientId: string) => void }) {
  const incidents = useQuery(incidentsQuery());
  const retry = useRetryIncident();
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">Incidents</h2>
      <ErrorBanner error={retry.error} />
      <Loaded query={incidents}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="empty">No open incident.</p>
          ) : (
            <div className="table-scroll">
              <table className="grid">
                <caption className="visually-hidden">Open incidents of every instance, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Raised</th>
                    <th scope="col">Patient</th>
                    <th scope="col">Pathway and step</th>
                    <th scope="col">What happened</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((i) => (
                    <tr key={i.id}>
                      <td className="nowrap">{formatDateTime(i.at)}</td>
                      <td>
                        <PatientRecordLink id={i.patientId} name={i.patientName} />
                      </td>
                      <td>
                        {i.definitionId} · {i.activityId}
                      </td>
                      <td>{i.message}</td>
                      <td className="nowrap">
                        <button
                          type="button"
                          disabled={retry.isPending}
                          onClick={() => retry.mutate({ instanceId: i.instanceId, incidentId: i.id })}
                          aria-label={`Retry the incident of ${i.patientName} at ${i.activityId}`}
                        >
                          Retry
                        </button>{" "}
                        <button type="button" onClick={() => onAudit(i.patientId)}>
                          Audit trail
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

export function FailedJobsSection() {
  const jobs = useQuery(failedJobsQuery());
  return (
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">Failed jobs</h2>
      <Loaded query={jobs}>
        {(data) =>
          data.jobs.length === 0 ? (
            <p className="empty">No failed job.</p>
          ) : (
            <div className="table-scroll">
              <table className="grid">
                <caption className="visually-hidden">{`${data.total} jobs in Hangfire's failed list, newest first`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Failed</th>
                    <th scope="col">Job</th>
                    <th scope="col">Arguments</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {data.jobs.map((j) => (
                    <tr key={j.jobId}>
                      <td className="nowrap">{formatDateTime(j.failedAt)}</td>
                      <td>{j.job}</td>
                      <td className="small">{j.arguments}</td>
                      <td>
                        {j.exceptionType}: {j.exceptionMessage}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
