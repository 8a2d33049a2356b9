import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { awaitingApprovalQuery } from "../designer/api";

/** The pathway versions waiting for a second person's approval before they are live, the oldest request first. */
export function PathwayApprovalsPage() {
  const awaiting = useQuery(awaitingApprovalQuery());
  return (
    <section aria-labelledby="pathway-approvals-title">
      <h1 id="pathway-approvals-title">Pathway changes to approve</h1>
      <p className="muted">
        A version that changes a clinical parameter (a dose, cap, threshold or interval) is live only once a second person, a clinician or an administrator who
        did not write it, has approved it.
      </p>
      <Loaded query={awaiting}>
        {(versions) =>
          versions.length === 0 ? (
            <p>No pathway version is waiting for approval.</p>
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Pathway</th>
                  <th scope="col">Version</th>
                  <th scope="col">Change note</th>
                  <th scope="col">Asked by</th>
                  <th scope="col">Asked on</th>
                  <th scope="col">You</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={`${v.definitionId}/${v.version}`}>
                    <td>
                      <Link to={`/pathway-approvals/${encodeURIComponent(v.definitionId)}/${v.version}`}>{v.name}</Link>
                    </td>
                    <td>{v.version}</td>
                    <td>{v.changeNote}</td>
                    <td>{v.submittedBy}</td>
                    <td>{formatDateTime(v.submittedAt)}</td>
                    <td>{v.canApprove ? "may approve" : <span className="muted">{v.cannotApproveReason}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

/** The navigation's count: the versions the signed-in user may approve now (none shown when there are none). */
export function PathwayApprovalsCount() {
  const awaiting = useQuery(awaitingApprovalQuery());
  const count = awaiting.data?.filter((v) => v.canApprove).length ?? 0;
  return count > 0 ? (
    <span className="badge" aria-label={`${count} to approve`}>
      {count}
    </span>
  ) : null;
}
