import { Link } from "react-router";
import type { LabHold, TaskSummary } from "../../api/types";
import { formatDateTime } from "../../ui/format";

/** Why a lab gate's order-labs task exists, in the coordinator's words. */
export const labHoldText: Record<LabHold, string> = { missing: "labs missing or out of date", held: "held at the gate: recheck" };

/**
 * Open tasks as a table; a clinician's approvals link to the approval page, others to the task page.
 * On a patient's own page the patient and MRN columns would only repeat the heading (`showPatient` false);
 * in a queue of one role the role column would (`showRole` false). Every row is open, so the only
 * status worth a column's space, overdue, sits beside the due date.
 */
export function TaskTable({
  tasks,
  emptyText,
  linkBase = "/tasks",
  caption,
  showPatient = true,
  showRole = true,
}: {
  tasks: TaskSummary[];
  emptyText: string;
  linkBase?: string;
  caption?: string;
  showPatient?: boolean;
  showRole?: boolean;
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
            {showRole && <th scope="col">Role</th>}
            <th scope="col">Due</th>
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
              {showRole && <td>{t.role}</td>}
              <td className="nowrap">
                {t.dueAt ? formatDateTime(t.dueAt) : "no due date"}
                {t.overdue && <span className="badge badge-danger">overdue</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
