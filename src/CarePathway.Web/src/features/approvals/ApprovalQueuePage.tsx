import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLiveUpdates } from "../instances/api";
import { useSearchParams } from "react-router";
import { Loaded } from "../../ui/Loading";
import { Pager } from "../../ui/Pager";
import { TaskTable } from "../tasks";
import { taskListQuery } from "../tasks/api";

const pageSize = 25;

/** The clinician's queue: open tasks for the clinician role, most urgent first. */
export function ApprovalQueuePage() {
  useLiveUpdates();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? "1") || 1;
  // "Mine" is what was claimed by or routed to this clinician; the team's queue is every clinician's open decision.
  const mine = params.get("assignee") === "me";
  const tasks = useQuery({
    ...taskListQuery({ view: "approval", status: "open", sort: "due", page, pageSize, ...(mine ? { assignee: "me" } : {}) }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="approvals-title">
      <div className="page-head">
        <h1 id="approvals-title">Approval queue</h1>
        <label className="inline">
          Show{" "}
          <select value={mine ? "me" : ""} onChange={(e) => setParams(e.target.value ? { assignee: e.target.value } : {})}>
            <option value="">the team's decisions</option>
            <option value="me">my work</option>
          </select>
        </label>
      </div>
      <p className="muted">Decisions and reminders waiting for a clinician, the most urgent first. Open one to see its evidence.</p>
      <Loaded query={tasks}>
        {(data) => (
          <>
            <TaskTable tasks={data.items} linkBase="/approvals" showRole={false} emptyText="No decisions are waiting for you." />
            <Pager
              page={page}
              pageSize={pageSize}
              total={Number(data.total)}
              onPage={(p) => setParams({ page: String(p), ...(mine ? { assignee: "me" } : {}) })}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}
