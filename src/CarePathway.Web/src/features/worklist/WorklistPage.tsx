import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { Loaded } from "../../ui/Loading";
import { Pager } from "../../ui/Pager";
import { TaskTable } from "../tasks";
import { taskListQuery, type TaskListQuery } from "../tasks/api";
import { SuspendedPathways } from "./SuspendedPathways";
import { worklistTabs } from "./worklistTabs";

const pageSize = 25;

export function WorklistPage() {
  const [params, setParams] = useSearchParams();
  const tab = worklistTabs.find((t) => t.id === params.get("tab")) ?? worklistTabs[0];
  const page = Number(params.get("page") ?? "1") || 1;
  const sort = params.get("sort") === "created" ? "created" : "due";
  const set = (changes: Record<string, string>) => setParams({ tab: tab.id, page: String(page), sort, ...changes });

  return (
    <section aria-labelledby="worklist-title">
      <div className="page-head">
        <h1 id="worklist-title">Worklist</h1>
        <label className="inline">
          Sort by{" "}
          <select value={sort} onChange={(e) => set({ sort: e.target.value, page: "1" })}>
            <option value="due">due date</option>
            <option value="created">newest first</option>
          </select>
        </label>
      </div>
      <div role="tablist" aria-label="Worklist views" className="tabs">
        {worklistTabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            type="button"
            aria-selected={t.id === tab.id}
            aria-controls="worklist-panel"
            onClick={() => set({ tab: t.id, page: "1" })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="worklist-panel" role="tabpanel" aria-label={tab.label}>
        {tab.query ? <TaskTab label={tab.label} query={tab.query} page={page} sort={sort} onPage={(p) => set({ page: String(p) })} /> : <SuspendedPathways />}
      </div>
    </section>
  );
}

function TaskTab({ label, query, page, sort, onPage }: { label: string; query: TaskListQuery; page: number; sort: string; onPage: (page: number) => void }) {
  const tasks = useQuery({ ...taskListQuery({ ...query, status: "open", sort, page, pageSize }), placeholderData: keepPreviousData });
  return (
    <Loaded query={tasks}>
      {(data) => (
        <>
          <TaskTable tasks={data.items} caption={`${label}: open tasks`} emptyText="Nothing here: no open tasks in this view." />
          <Pager page={Number(data.page)} pageSize={Number(data.pageSize)} total={Number(data.total)} onPage={onPage} />
        </>
      )}
    </Loaded>
  );
}
