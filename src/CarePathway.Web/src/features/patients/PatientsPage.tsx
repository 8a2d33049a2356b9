import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { Loaded } from "../../ui/Loading";
import { Pager } from "../../ui/Pager";
import { formatDate } from "../../ui/format";
import { useAuth } from "../auth";
import { patientListQuery } from "./api";
import { CreatePatientForm } from "./CreatePatientForm";

const pageSize = 25;

export function PatientsPage() {
  const [params, setParams] = useSearchParams();
  const { hasRole } = useAuth();
  const [creating, setCreating] = useState(false);
  // A page that sent the person here says why (a patient moved to a service they do not hold).
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const search = params.get("search") ?? "";
  const page = Number(params.get("page") ?? "1") || 1;
  const query = { search: search || undefined, page, pageSize };
  const patients = useQuery({ ...patientListQuery(query), placeholderData: keepPreviousData });

  return (
    <section aria-labelledby="patients-title">
      <div className="page-head">
        <h1 id="patients-title">Patients</h1>
        <input
          type="search"
          aria-label="Search patients by name or MRN"
          placeholder="Search name or MRN"
          value={search}
          onChange={(e) => setParams({ search: e.target.value, page: "1" })}
        />
        {hasRole("coordinator") && !creating && (
          <button type="button" className="push-right" onClick={() => setCreating(true)}>
            New patient
          </button>
        )}
      </div>
      {notice && (
        <p className="saved" role="status">
          {notice}
        </p>
      )}
      {creating && <CreatePatientForm onCancel={() => setCreating(false)} />}
      <Loaded query={patients}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <p className="empty">No patients match.</p>
            ) : (
              <div className="table-scroll">
                <table className="grid">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">MRN</th>
                      <th scope="col">Born</th>
                      <th scope="col">Diagnosis</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <Link to={`/patients/${p.id}`}>
                            {p.familyName}, {p.givenName}
                          </Link>
                        </td>
                        <td>{p.mrn}</td>
                        <td>{formatDate(p.birthDate)}</td>
                        <td>{p.diagnosis}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager page={page} pageSize={pageSize} total={Number(data.total)} onPage={(p) => setParams({ search, page: String(p) })} />
          </>
        )}
      </Loaded>
    </section>
  );
}
