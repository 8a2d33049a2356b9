import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveUpdates } from "../instances/api";
import { Link, useParams } from "react-router";
import type { TaskDetail } from "../../api/types";
import { Loaded } from "../../ui/Loading";
import { PatientLink } from "../../ui/PatientLink";
import { formatDateTime } from "../../ui/format";
import { useAuth } from "../auth";
import { patientQuery } from "../patients/api";
import { taskQuery } from "./api";
import { AssignmentPanel } from "./AssignmentPanel";
import { CompleteTaskForm } from "./CompleteTaskForm";
import { Decision } from "./Decision";
import { EvidenceView, hasEvidence } from "./evidence/EvidenceView";
import { LabTrendCharts } from "./evidence/LabTrendChart";
import { isInfusionEvidence } from "./evidence/infusionEvidence";
import { isApproval } from "./isApproval";
import { kindText } from "./taskKinds";
import { OpenOnCourse } from "./OpenOnCourse";
import { LabEntryForm } from "../labs";

/** One task: what to do, the evidence behind it, and the form to complete or decide it. */
export function TaskPage() {
  useLiveUpdates();
  const { taskId = "" } = useParams();
  const task = useQuery(taskQuery(taskId));
  return <Loaded query={task}>{(t) => <TaskView task={t} />}</Loaded>;
}

function TaskView({ task }: { task: TaskDetail }) {
  const summary = task.task;
  const { user } = useAuth();
  // Open when this page showed it, and decided since by someone else (a live update): said as plainly as a 409 is.
  const [openWhenShown] = useState(summary.status === "open");
  const decidedElsewhere = openWhenShown && summary.status === "completed" && task.completedBy !== user?.name;
  const approval = isApproval(summary);
  const evidence = hasEvidence(task.evidence);
  // An infusion approval carries its labs against the course baseline; other approvals show the patient's labs beside.
  const labsBeside = approval && !isInfusionEvidence(task.evidence);
  return (
    <article aria-labelledby="task-title" className="task">
      <div className="page-head">
        <h1 id="task-title">{summary.title}</h1>
        <span className="muted">
          <PatientLink id={summary.patientId} name={summary.patientName} mrn={summary.patientMrn} /> · {kindText(summary.kind)} · for {summary.role} ·{" "}
          {summary.dueAt ? `due ${formatDateTime(summary.dueAt)}` : "no due date"}
          {summary.overdue && <span className="badge badge-danger">overdue</span>}
        </span>
      </div>
      <div className={labsBeside ? "columns" : undefined}>
        <div>
          {task.instructions && <p className="instructions">{task.instructions}</p>}
          {/* Before the evidence, so the keyboard still goes from the evidence straight to the outcomes. */}
          {summary.status === "open" && <OpenOnCourse tasks={task.openOnCourse} />}
          {evidence && (
            <section aria-labelledby="evidence-title" className="card">
              <h2 id="evidence-title">Evidence</h2>
              <EvidenceView evidence={task.evidence} />
            </section>
          )}
          <section aria-labelledby="decide-title" className="card">
            <h2 id="decide-title">{summary.status === "open" ? (approval ? "Decide" : "Complete") : "Decision"}</h2>
            {summary.status === "open" ? (
              <CompleteTaskForm task={task} />
            ) : (
              <>
                {decidedElsewhere ? (
                  <div className="banner banner-warn" role="alert">
                    <strong>Someone else decided this task first</strong> while you had it open; nothing of yours was saved.
                  </div>
                ) : (
                  <p className="saved" role="status">
                    {summary.status === "completed" ? `Completed: ${summary.outcome} by ${task.completedBy}.` : "This task was cancelled."}
                  </p>
                )}
                <Decision
                  decision={{
                    status: summary.status,
                    outcome: summary.outcome,
                    completedBy: task.completedBy,
                    completedAt: task.completedAt,
                    reason: task.reason,
                  }}
                />
              </>
            )}
          </section>
          {/* The results an order-labs task waits for are recorded here too, the gate's tests offered first. */}
          {summary.kind === "order-labs" && (
            <section aria-labelledby="results-title" className="card">
              <h2 id="results-title">Record the results</h2>
              <LabEntryForm patientId={summary.patientId} requested={requestedCodes(task.evidence)} />
            </section>
          )}
          {/* After the decision: from the evidence, the keyboard goes straight to the outcomes. */}
          <AssignmentPanel task={summary} />
          <Link to={approval ? "/approvals" : "/worklist"}>Back to the {approval ? "approval queue" : "worklist"}</Link>
        </div>
        {labsBeside && <LabsOfPatient patientId={summary.patientId} />}
      </div>
    </article>
  );
}

function LabsOfPatient({ patientId }: { patientId: string }) {
  const patient = useQuery(patientQuery(patientId));
  return (
    <section aria-labelledby="trend-title" className="card">
      <h2 id="trend-title">Labs against baseline</h2>
      <Loaded query={patient}>{(p) => <LabTrendCharts labs={p.labs} />}</Loaded>
    </section>
  );
}

/** The lab codes an order-labs task's gate waits for (its evidence's `codes`). */
function requestedCodes(evidence: unknown): string[] {
  const codes = (evidence as { codes?: unknown } | null)?.codes;
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === "string") : [];
}
