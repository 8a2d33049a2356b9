import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { isApiError, problemErrors } from "../../api/problem";
import { Field } from "../../ui/Field";
import { formatDateTime } from "../../ui/format";
import { Loaded } from "../../ui/Loading";
import { Pager } from "../../ui/Pager";
import { auditQuery, type AuditQuery } from "./api";

const pageSize = 25;

/** The audit trail, newest first, searched by user name, patient (its id) and UTC days. */
export function AuditSection({ patientId, onPatientId }: { patientId: string; onPatientId: (patientId: string) => void }) {
  const [user, setUser] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize });
  // An incident's "Audit trail" sets the patient from outside: search with it at once.
  const [searchedPatient, setSearchedPatient] = useState(patientId);
  if (patientId !== searchedPatient) {
    setSearchedPatient(patientId);
    setQuery((q) => ({ ...q, patientId: patientId || undefined, page: 1 }));
  }
  const audit = useQuery({ ...auditQuery(query), placeholderData: keepPreviousData });
  const fieldErrors = audit.error && isApiError(audit.error) ? problemErrors(audit.error.problem) : {};

  const search = (e: FormEvent) => {
    e.preventDefault();
    setSearchedPatient(patientId);
    setQuery({ user: user || undefined, patientId: patientId || undefined, from: from || undefined, to: to || undefined, page: 1, pageSize });
  };

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <form className="row" onSubmit={search} aria-label="Search the audit trail">
        <Field label="User">
          <input value={user} onChange={(e) => setUser(e.target.value)} />
        </Field>
        <Field label="Patient id" errors={fieldErrors.patientId}>
          <input value={patientId} onChange={(e) => onPatientId(e.target.value.trim())} />
        </Field>
        <Field label="From (UTC day)" errors={fieldErrors.from}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To (UTC day)" errors={fieldErrors.to}>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <button type="submit">Search</button>
      </form>
      <Loaded query={audit}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="empty">No audit entry matches.</p>
          ) : (
            <>
              <div className="table-scroll">
                <table className="grid">
                  <caption className="visually-hidden">Audit entries, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">User</th>
                      <th scope="col">Action</th>
                      <th scope="col">Target</th>
                      <th scope="col">Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((a) => (
                      <tr key={String(a.id)}>
                        <td className="nowrap">{formatDateTime(a.at)}</td>
                        <td>{a.userName}</td>
                        <td>{a.action}</td>
                        <td className="small">{a.targetId}</td>
                        <td>{a.succeeded ? "done" : `refused: ${a.detail}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={Number(data.page)} pageSize={pageSize} total={Number(data.total)} onPage={(p) => setQuery((q) => ({ ...q, page: p }))} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
