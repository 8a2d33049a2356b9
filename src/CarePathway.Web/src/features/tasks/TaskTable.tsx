import { Fragment } from "react";
import { Link } from "react-router";
import type { LabHold, TaskSummary } from "../../api/types";
import { formatDateTime } from "../../ui/format";
import { useAuth } from "../auth";
import { kindText } from "./taskKinds";

/** Why a lab gate's order-labs task exists, in the coordinator's words. */
export const labHoldText: Record<LabHold, string> = { missing: "labs missing or out of date", held: "held at the gate: recheck" };

/**
 * Open tasks as a table; a clinician's approvals link to the approval page, others to the task page.
 * On a patient's own page the patient and MRN columns would only repeat the heading (`showPatient` false);
 * in a queue of one role the role column would (`showRole` false). Every row is open, so the only
 * status worth a column's space, overdue, sits beside the due date. Sorted by patient (`groupByPatient`), each
 * patient's tasks sit under a row naming them, and the patient columns are left out.
 */
export function TaskTable({
  tasks,
  emptyText,
  linkBase = "/tasks",
  caption,
  showPatient = true,
  showRole = true,
  groupByPatient = false,
}: {
  tasks: TaskSummary[];
  emptyText: string;
  linkBase?: string;
  caption?: string;
  showPatient?: boolean;
  showRole?: boolean;
  groupByPatient?: boolean;
}) {
  const me = useAuth().user?.name;
  if (tasks.length === 0) return <p className="empty">{emptyText}</p>;
  const patientColumns = showPatient && !groupByPatient;
  const columns = 3 + (patientColumns ? 2 : 0) + (showRole ? 1 : 0);
  return (
    <div className="table-scroll">
      <table className="grid task-table">
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Task</th>
            {patientColumns && <th scope="col">Patient</th>}
            {patientColumns && <th scope="col">MRN</th>}
            {showRole && <th scope="col">Role</th>}
            <th scope="col">Assigned to</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t, i) => (
            <Fragment key={t.id}>
              {groupByPatient && t.patientId !== tasks[i - 1]?.patientId && (
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={columns}>
                    <Link to={`/patients/${t.patientId}`}>{t.patientName}</Link> <span className="muted">MRN {t.patientMrn}</span>
                  </th>
                </tr>
              )}
              <tr className={t.overdue ? "overdue" : undefined}>
                <td>
                  <Link to={`${linkBase}/${t.id}`}>{t.title}</Link>
                  <div className="muted small">
                    {kindText(t.kind)}
                    {t.labHold && <span className={t.labHold === "held" ? "badge badge-warn" : "badge"}>{labHoldText[t.labHold] ?? t.labHold}</span>}
                  </div>
                </td>
                {patientColumns && (
                  <td data-label="Patient">
                    <Link to={`/patients/${t.patientId}`}>{t.patientName}</Link>
                  </td>
                )}
                {patientColumns && (
                  <td className="nowrap" data-label="MRN">
                    {t.patientMrn}
                  </td>
                )}
                {showRole && <td data-label="Role">{t.role}</td>}
                <td data-label="Assigned to">{t.assignee ? t.assignee === me ? "you" : t.assignee : <span className="muted">nobody yet</span>}</td>
                <td className="nowrap" data-label="Due">
                  {t.dueAt ? formatDateTime(t.dueAt) : "no due date"}
                  {t.overdue && <span className="badge badge-danger">overdue</span>}
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
