import { Link } from "react-router";
import type { TaskSummary } from "../api/types";
import { PatientName } from "../coordinator/PatientName";
import { formatDateTime } from "../ui/format";

/** Open tasks as a table; a clinician's approvals link to the approval page, others to the task page. */
export function TaskTable({ tasks, emptyText, linkBase = "/tasks" }: { tasks: TaskSummary[]; emptyText: string; linkBase?: string }) {
  if (tasks.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Patient</th>
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
              <div className="muted small">{t.kind}</div>
            </td>
            <td>
              <PatientName id={t.patientId} />
            </td>
            <td>{t.role}</td>
            <td>{formatDateTime(t.dueAt)}</td>
            <td>{t.overdue ? <span className="badge badge-danger">overdue</span> : <span className="badge">{t.status}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
