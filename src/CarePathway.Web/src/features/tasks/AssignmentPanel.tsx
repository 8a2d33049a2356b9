import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TaskSummary } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Field } from "../../ui/Field";
import { submission } from "../../ui/submission";
import { useAuth } from "../auth";
import { staffQuery, useAssignTask } from "./api";

/**
 * Who has the task, and changing it: claim it (someone in its role), give it to a named colleague who can do it, or
 * release it to the team. A coordinator routes any task (a clinician's approval to a named clinician); the server
 * checks each of these and journals it.
 */
export function AssignmentPanel({ task }: { task: TaskSummary }) {
  const { user, hasRole } = useAuth();
  const staff = useQuery(staffQuery(task.role));
  const assign = submission(useAssignTask(task.id));
  const [chosen, setChosen] = useState("");
  const me = user?.name ?? "";
  const inRole = hasRole(task.role as "coordinator" | "clinician");
  const routes = inRole || hasRole("coordinator");
  const nameOf = (userName: string) => staff.data?.find((s) => s.userName === userName)?.displayName ?? userName;
  const colleagues = (staff.data ?? []).filter((s) => s.userName !== task.assignee);
  const target = chosen || colleagues[0]?.userName || "";
  const act = (change: Parameters<typeof assign.submit>[0]) => assign.submit(change).catch(() => undefined);

  return (
    <section aria-labelledby="assignment-title" className="card assignment">
      <h2 id="assignment-title">Who has it</h2>
      <p role="status">
        {task.assignee
          ? task.assignee === me
            ? "Assigned to you."
            : `Assigned to ${nameOf(task.assignee)}.`
          : `Nobody has this task yet: it is with the ${task.role} team.`}
      </p>
      {task.status === "open" && routes && (
        <div className="assignment-actions">
          {inRole && !task.assignee && (
            <button type="button" className="primary" disabled={assign.busy} onClick={() => act({ action: "claim" })}>
              Claim
            </button>
          )}
          {inRole && task.assignee && task.assignee !== me && (
            <button type="button" disabled={assign.busy} onClick={() => act({ action: "assign", assignee: me })}>
              Take it over
            </button>
          )}
          {task.assignee && (
            <button type="button" disabled={assign.busy} onClick={() => act({ action: "release" })}>
              Release to the team
            </button>
          )}
          {colleagues.length > 0 && (
            <div className="assign-to">
              <Field label={task.assignee ? "Reassign to" : "Assign to"} errors={assign.fieldErrors("assignee")}>
                <select value={target} onChange={(e) => setChosen(e.target.value)}>
                  {colleagues.map((s) => (
                    <option key={s.userName} value={s.userName}>
                      {s.displayName}
                      {s.userName === me ? " (you)" : ""}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" disabled={assign.busy || !target} onClick={() => act({ action: "assign", assignee: target })}>
                {task.assignee ? "Reassign" : "Assign"}
              </button>
            </div>
          )}
        </div>
      )}
      <ErrorBanner error={assign.error} claimedFields={["assignee"]} />
    </section>
  );
}
