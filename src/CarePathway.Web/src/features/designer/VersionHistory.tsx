import { Link } from "react-router";
import type { DefinitionSummary } from "../../api/types";
import { formatDateTime } from "../../ui/format";

/** Every version of the definition with its status, change note, author, approver and retire reason; the one open in the designer is marked. */
export function VersionHistory({ summary, openVersion }: { summary: DefinitionSummary | undefined; openVersion: number }) {
  if (!summary) return null;
  return (
    <section aria-labelledby="versions-title" className="versions">
      <h2 id="versions-title">Versions</h2>
      <ol className="plain">
        {[...summary.versions].reverse().map((v) => (
          <li key={v.version} aria-current={Number(v.version) === openVersion ? "page" : undefined}>
            <Link to={`/designer/${summary.definitionId}/${v.version}`}>v{v.version}</Link> <span className={`badge status-${v.status}`}>{v.status}</span>{" "}
            <span className="muted small">
              {v.createdBy}, {formatDateTime(v.createdAt)}
              {v.submittedBy && v.submittedBy !== v.createdBy && ` · submitted by ${v.submittedBy}`}
              {v.publishedAt && ` · published ${formatDateTime(v.publishedAt)}`}
              {v.approvedBy && ` · approved by ${v.approvedBy}`}
            </span>
            {v.changeNote && <span className="change-note">Change note: {v.changeNote}</span>}
            {v.retireReason && <span className="change-note">Retired: {v.retireReason}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
