import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLiveUpdates } from "../instances/api";
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { Loaded } from "../../ui/Loading";
import { Pager } from "../../ui/Pager";
import { TaskTable } from "../tasks";
import { taskCountsQuery, taskListQuery } from "../tasks/api";
import { SuspendedPathways } from "./SuspendedPathways";
import { WorklistFiltersBar } from "./WorklistFiltersBar";
import { filterKeys, filterQuery, worklistTabs, type WorklistFilters, type WorklistTab } from "./worklistTabs";

const pageSize = 25;
const sorts = ["due", "created", "patient"] as const;
type Sort = (typeof sorts)[number];

/**
 * The coordinator's worklist: tabs with their counts, filters shared by every tab, a sort (sorted by patient, each
 * patient's tasks are grouped under their name). Everything the page shows is in its URL.
 */
export function WorklistPage() {
  useLiveUpdates();
  const [params, setParams] = useSearchParams();
  const tab = worklistTabs.find((t) => t.id === params.get("tab")) ?? worklistTabs[0];
  const page = Number(params.get("page") ?? "1") || 1;
  const sort: Sort = sorts.find((s) => s === params.get("sort")) ?? "due";
  const filters: WorklistFilters = {
    definitionId: params.get("definitionId") ?? "",
    kind: params.get("kind") ?? "",
    patient: params.get("patient") ?? "",
    assignee: params.get("assignee") ?? "",
  };
  const counts = useQuery({ ...taskCountsQuery(filterQuery(filters)), placeholderData: keepPreviousData });

  const set = useCallback(
    (changes: Record<string, string>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        // A new filter, tab or sort starts from the first page.
        if (!("page" in changes)) next.delete("page");
        for (const [key, value] of Object.entries(changes)) {
          if (value === "") next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setParams],
  );
  const onFilters = useCallback(
    (changes: Partial<WorklistFilters>) => set(Object.fromEntries(filterKeys.filter((k) => k in changes).map((k) => [k, changes[k] ?? ""]))),
    [set],
  );

  const countOf = (t: WorklistTab) => (t.view === null ? counts.data?.suspendedPathways : counts.data?.views.find((v) => v.view === t.view)?.count);
  const undated = Number(counts.data?.views.find((v) => v.view === "undated")?.count ?? 0);
  return (
    <section aria-labelledby="worklist-title">
      <div className="page-head">
        <h1 id="worklist-title">Worklist</h1>
        <label className="inline">
          Sort by{" "}
          <select value={sort} onChange={(e) => set({ sort: e.target.value })}>
            <option value="due">due date</option>
            <option value="created">newest first</option>
            <option value="patient">patient</option>
          </select>
        </label>
      </div>
      <WorklistFiltersBar filters={filters} kinds={counts.data?.kinds ?? []} onChange={onFilters} />
      <div role="tablist" aria-label="Worklist views" className="tabs">
        {worklistTabs.map((t) => {
          const count = countOf(t);
          return (
            <button key={t.id} role="tab" type="button" aria-selected={t.id === tab.id} aria-controls="worklist-panel" onClick={() => set({ tab: t.id })}>
              {t.label}
              {count !== undefined && <span className="tab-count">{Number(count)}</span>}
            </button>
          );
        })}
      </div>
      <div id="worklist-panel" role="tabpanel" aria-label={tab.label}>
        {tab.id === "today" && undated > 0 && (
          <p className="notice">
            {undated === 1 ? "1 open task has" : `${undated} open tasks have`} no due date.{" "}
            <button type="button" className="link" onClick={() => set({ tab: "undated" })}>
              Show tasks with no due date
            </button>
          </p>
        )}
        {tab.view ? (
          <TaskTab label={tab.label} view={tab.view} filters={filters} page={page} sort={sort} onPage={(p) => set({ page: String(p) })} />
        ) : (
          <SuspendedPathways definitionId={filters.definitionId} />
        )}
      </div>
    </section>
  );
}

function TaskTab({
  label,
  view,
  filters,
  page,
  sort,
  onPage,
}: {
  label: string;
  view: string;
  filters: WorklistFilters;
  page: number;
  sort: Sort;
  onPage: (page: number) => void;
}) {
  const tasks = useQuery({ ...taskListQuery({ ...filterQuery(filters), view, status: "open", sort, page, pageSize }), placeholderData: keepPreviousData });
  return (
    <Loaded query={tasks}>
      {(data) => (
        <>
          <TaskTable
            tasks={data.items}
            caption={`${label}: open tasks`}
            groupByPatient={sort === "patient"}
            emptyText="Nothing here: no open tasks in this view."
          />
          <Pager page={Number(data.page)} pageSize={Number(data.pageSize)} total={Number(data.total)} onPage={onPage} />
        </>
      )}
    </Loaded>
  );
}
