import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { Loaded } from "../../ui/Loading";
import { Pager } from "../../ui/Pager";
import { TaskTable } from "../tasks";
import { taskListQuery } from "../tasks/api";

const pageSize = 25;

/** The clinician's queue: open tasks for the clinician role, most urgent first. */
export function ApprovalQueuePage() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? "1") || 1;
  const tasks = useQuery({ ...taskListQuery({ role: "clinician", status: "open", sort: "due", page, pageSize }), placeholderData: keepPreviousData });
  return (
    <section aria-labelledby="approvals-title">
      <div className="page-head">
        <h1 id="approvals-title">Approval queue</h1>
      </div>
      <p className="muted">Decisions and reminders waiting for a clinician, the most urgent first. Open one to see its evidence.</p>
      <Loaded query={tasks}>
        {(data) => (
          <>
            <TaskTable tasks={data.items} linkBase="/approvals" showRole={false} emptyText="No decisions are waiting for you." />
            <Pager page={page} pageSize={pageSize} total={Number(data.total)} onPage={(p) => setParams({ page: String(p) })} />
          </>
        )}
      </Loaded>
    </section>
  );
}
