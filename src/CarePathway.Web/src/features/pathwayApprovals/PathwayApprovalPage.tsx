import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { asDefinitionDoc, PublishReview } from "../designer";
import { comparedVersionQuery, publishReviewQuery, useApproveVersion } from "../designer/api";

/**
 * One version awaiting approval, as its approver reads it: the change note and who wrote it, the clinical parameters
 * it changes and the whole difference from the version it replaces; then approve with a note, or the server's reason
 * why this person may not (they wrote it).
 */
export function PathwayApprovalPage() {
  const { definitionId = "", version = "" } = useParams();
  const detail = useQuery(comparedVersionQuery(definitionId, version));
  const review = useQuery(publishReviewQuery(definitionId, version));
  const approve = useApproveVersion(definitionId, version);
  const [note, setNote] = useState("");
  const doc = useMemo(() => (detail.data ? asDefinitionDoc(detail.data.definition) : null), [detail.data]);
  return (
    <section aria-labelledby="pathway-approval-title">
      <p>
        <Link to="/pathway-approvals">← Pathway changes to approve</Link>
      </p>
      <Loaded query={detail}>
        {(d) => (
          <>
            <h1 id="pathway-approval-title">
              {d.name}, version {d.version} <span className="badge">{d.status}</span>
            </h1>
            <dl className="values">
              <dt>Change note</dt>
              <dd>{d.changeNote ?? "—"}</dd>
              <dt>Drafted by</dt>
              <dd>{d.createdBy}</dd>
              <dt>Asked to publish by</dt>
              <dd>
                {d.submittedBy ?? "—"} {d.submittedAt && <span className="muted">on {formatDateTime(d.submittedAt)}</span>}
              </dd>
              {d.approvedBy && (
                <>
                  <dt>Approved by</dt>
                  <dd>
                    {d.approvedBy} <span className="muted">on {formatDateTime(d.approvedAt)}</span>
                  </dd>
                </>
              )}
            </dl>
            {d.status === "published" && d.approvedBy ? (
              <p className="banner banner-ok" role="status">
                Approved: version {d.version} is live; new patients start on it.
              </p>
            ) : (
              <Loaded query={review}>
                {(r) =>
                  r.canApprove ? (
                    <form
                      className="lifecycle-panel"
                      onSubmit={(e) => {
                        e.preventDefault();
                        approve.mutate(note.trim());
                      }}
                    >
                      <label htmlFor="approval-note">Note (optional, kept in the audit)</label>
                      <textarea id="approval-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                      <ErrorBanner error={approve.error} />
                      <button type="submit" className="primary" disabled={approve.isPending}>
                        Approve and publish
                      </button>
                    </form>
                  ) : (
                    <p className="banner banner-error" role="alert">
                      You cannot approve it: {r.cannotApproveReason}.
                    </p>
                  )
                }
              </Loaded>
            )}
            {doc && <PublishReview definitionId={d.definitionId} version={Number(d.version)} doc={doc} />}
          </>
        )}
      </Loaded>
    </section>
  );
}
