import { Link } from "react-router";
import type { TaskSummary } from "../api/types";
import { formatDateTime } from "../ui/format";

/** Why a lab gate's order-labs task exists, in the coordinator's words. */
export const labHoldText: Record<string, string> = { missing: "labs missing or out of date", held: "held at the gate: recheck" };

/**
 * Open tasks as a table; a clinician's approvals link to the approval page, others to the task page.
 * On a patient's own page the patient and MRN columns would only repeat the heading (`showPatient` false).
 */
export function TaskTable({
  tasks,
  emptyText,
  linkBase = "/tasks",
  caption,
  showPatient = true,
}: {
  tasks: TaskSummary[];
  emptyText: string;
  linkBase?: string;
  caption?: string;
  showPatient?: boolean;
}) {
  if (tasks.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <div className="table-scroll">
      <table className="grid task-table">
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Task</th>
            {showPatient && <th scope="col">Patient</th>}
            {showPatient && <th scope="col">MRN</th>}
            <th scope="col">Role</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} className={t.overdue ? "overdue" : undefined}>
              <td>
                <Link to={`${linkBase}/${t.id}`}>{t.title}</Link>
                <div className="muted small">
                  {t.kind}
                  {t.labHold && <span className={t.labHold === "held" ? "badge badge-warn" : "badge"}>{labHoldText[t.labHold] ?? t.labHold}</span>}
                </div>
              </td>
              {showPatient && (
                <td>
                  <Link to={`/patients/${t.patientId}`}>{t.patientName}</Link>
                </td>
              )}
              {showPatient && <td className="nowrap">{t.patientMrn}</td>}
              <td>{t.role}</td>
              <td className="nowrap">{formatDateTime(t.dueAt)}</td>
              <td>{t.overdue ? <span className="badge badge-danger">overdue</span> : <span className="badge">{t.status}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
