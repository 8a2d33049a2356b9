import { Link } from "react-router";
import type { TaskSummary } from "../../api/types";
import { formatDateTime } from "../../ui/format";
import { isApproval } from "./isApproval";
import { kindText } from "./taskKinds";

/**
 * What else this pathway has open (a dental review, an imaging reminder, a urine test order): beside an approval, so a
 * clinician sees what is not done yet before deciding. Tasks that hold the pathway come first, as the server orders them.
 */
export function OpenOnCourse({ tasks }: { tasks: TaskSummary[] }) {
  if (tasks.length === 0) return null;
  return (
    <section aria-labelledby="open-on-course-title" className="card">
      <h2 id="open-on-course-title">Still open on this pathway</h2>
      <ul className="open-on-course">
        {tasks.map((t) => (
          <li key={t.id}>
            <Link to={`${isApproval(t) ? "/approvals" : "/tasks"}/${t.id}`}>{t.title}</Link>{" "}
            <span className="muted">
              {kindText(t.kind)} · for {t.role} · {t.dueAt ? `due ${formatDateTime(t.dueAt)}` : "no due date"}
            </span>
            {t.blocking && <span className="badge badge-warn">holds the pathway</span>}
            {t.overdue && <span className="badge badge-danger">overdue</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
