import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { Loaded } from "../../ui/Loading";
import { formatDate, formatDateTime } from "../../ui/format";
import { useAuth } from "../auth";
import { PathwayTimeline, StartPathwayForm } from "../instances";
import { instanceListQuery, useLiveUpdates } from "../instances/api";
import { BreakTheGlassPrompt, isBreakTheGlass } from "../services";
import { TaskTable } from "../tasks";
import { taskListQuery } from "../tasks/api";
import { patientQuery } from "./api";
import { EditPatientForm } from "./EditPatientForm";
import { EnteredInErrorButton } from "./EnteredInErrorButton";
import { RecordEventForms } from "./RecordEventForms";
import { TransferPatientForm } from "./TransferPatientForm";

export function PatientPage() {
  useLiveUpdates();
  const { patientId = "" } = useParams();
  const { hasRole } = useAuth();
  const patient = useQuery(patientQuery(patientId));
  const instances = useQuery(instanceListQuery({ patientId, pageSize: 200 }));
  const tasks = useQuery(taskListQuery({ patientId, status: "open", pageSize: 200 }));
  /** One of the header's forms open at a time: correcting the details or moving the patient to another service. */
  const [editing, setEditing] = useState<"details" | "service" | null>(null);
  // A patient outside the user's services: the server says the glass can be broken; once it is, every query reloads.
  if (isBreakTheGlass(patient.error)) return <BreakTheGlassPrompt patientId={patientId} />;

  return (
    <Loaded query={patient}>
      {(p) => (
        <article aria-labelledby="patient-title" className="patient">
          <div className="page-head">
            <h1 id="patient-title">
              {p.familyName}, {p.givenName}
            </h1>
            <span className="muted">
              MRN {p.mrn} · {p.service} · born {formatDate(p.birthDate)} · {p.sex} · {p.diagnosis}
            </span>
            {!editing && (
              <>
                <button type="button" onClick={() => setEditing("details")}>
                  Correct details
                </button>
                {(hasRole("coordinator") || hasRole("clinician")) && (
                  <button type="button" onClick={() => setEditing("service")}>
                    Move to another service
                  </button>
                )}
              </>
            )}
          </div>
          {editing === "details" && <EditPatientForm patient={p} onDone={() => setEditing(null)} />}
          {editing === "service" && <TransferPatientForm patient={p} onDone={() => setEditing(null)} />}

          <div className="columns">
            <div>
              <section aria-labelledby="open-tasks-title" className="card">
                <h2 id="open-tasks-title">Open tasks</h2>
                <Loaded query={tasks}>{(data) => <TaskTable tasks={data.items} showPatient={false} emptyText="No open tasks." />}</Loaded>
              </section>
              <section aria-labelledby="pathways-title" className="card">
                <h2 id="pathways-title">Pathways</h2>
                <Loaded query={instances}>
                  {(data) =>
                    data.items.length === 0 ? (
                      <p className="empty">No pathway has started for this patient.</p>
                    ) : (
                      data.items.map((i) => <PathwayTimeline key={i.id} instance={i} />)
                    )
                  }
                </Loaded>
                {hasRole("coordinator") && <StartPathwayForm patientId={p.id} />}
              </section>
            </div>
            <div>
              {hasRole("coordinator") && <RecordEventForms patientId={p.id} />}
              <section aria-labelledby="labs-title" className="card">
                <h2 id="labs-title">Lab results</h2>
                {p.labs.length === 0 ? (
                  <p className="empty">No lab results yet.</p>
                ) : (
                  <table className="grid compact">
                    <thead>
                      <tr>
                        <th scope="col">Test</th>
                        <th scope="col">Value</th>
                        <th scope="col">Observed</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.labs.map((l) => (
                        <tr key={l.id}>
                          <td>
                            {l.name}
                            {l.name !== l.code && <span className="muted small"> {l.code}</span>}
                          </td>
                          <td>
                            {/* Kept for the record, counted nowhere: struck through, with who marked it and why. */}
                            {l.enteredInError ? (
                              <>
                                <s>
                                  {l.value} {l.unit}
                                </s>{" "}
                                <span className="muted small">
                                  entered in error ({l.enteredInError.reason}; {l.enteredInError.by}, {formatDateTime(l.enteredInError.at)})
                                </span>
                              </>
                            ) : (
                              <>
                                {l.value} {l.unit}
                                {/* The laboratory's preliminary value: shown, but no gate or calculation reads it until the final one. */}
                                {l.preliminary && <span className="muted small"> preliminary, not used by any rule</span>}
                                {(hasRole("coordinator") || hasRole("clinician")) && (
                                  <div>
                                    <EnteredInErrorButton patientId={p.id} lab={l} />
                                  </div>
                                )}
                              </>
                            )}
                          </td>
                          <td>{formatDateTime(l.observedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
              <section aria-labelledby="measurements-title" className="card">
                <h2 id="measurements-title">Measurements and assessments</h2>
                <ul className="plain">
                  {p.measurements.map((m) => (
                    <li key={m.id}>
                      {m.kind}: {m.value} {m.unit} <span className="muted">({formatDateTime(m.measuredAt)})</span>
                    </li>
                  ))}
                  {p.assessments.map((a) => (
                    <li key={a.id}>
                      {a.name}: {a.value} <span className="muted">({formatDateTime(a.observedAt)})</span>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </div>
        </article>
      )}
    </Loaded>
  );
}
