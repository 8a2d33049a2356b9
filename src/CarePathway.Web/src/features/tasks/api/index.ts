import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { resourceKeys } from "../../../api/queryKeys";
import type { components, paths } from "../../../api/schema";
import type { LabHold, TaskStatus } from "../../../api/types";
import { progressKeys } from "../../instances/api";

/** The query string carries plain strings; the filters on closed sets take only the set's names. */
export type TaskListQuery = Omit<NonNullable<paths["/api/tasks"]["get"]["parameters"]["query"]>, "status" | "labs"> & {
  status?: TaskStatus;
  labs?: LabHold;
};
export type TaskCountsQuery = NonNullable<paths["/api/tasks/counts"]["get"]["parameters"]["query"]>;
export type CompletionBody = components["schemas"]["CompletionBody"];

/** Tasks are opened and closed by pathways moving on, so their keys sit under `progressKeys`. */
export const taskKeys = resourceKeys<TaskListQuery>()(...progressKeys.all, "tasks");

/** A worklist page: the server filters, sorts and pages (`role`, `status`, `due`, `labs`, `sort`, `page`...). */
export const taskListQuery = (query: TaskListQuery) =>
  queryOptions({
    queryKey: taskKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/tasks", { params: { query } })),
  });

/** How many open tasks each worklist view holds under the filters, the kinds among them, and the suspended pathways. */
export const taskCountsQuery = (query: TaskCountsQuery) =>
  queryOptions({
    queryKey: [...taskKeys.lists(), "counts", query] as const,
    queryFn: () => unwrap(api.GET("/api/tasks/counts", { params: { query } })),
  });

/** One task: its form with types and defaults, its evidence, its decision once made. */
export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/tasks/{id}", { params: { path: { id } } })),
  });

/** The people work can go to (coordinators and clinicians; of one role when given): name for display, user name to assign. */
export const staffKeys = resourceKeys<{ role?: string }>()("staff");
export const staffQuery = (role?: string) =>
  queryOptions({
    queryKey: staffKeys.list(role ? { role } : {}),
    queryFn: () => unwrap(api.GET("/api/staff", { params: { query: role ? { role } : {} } })),
    staleTime: 5 * 60_000,
  });

export type Assignment = { action: "claim" } | { action: "release" } | { action: "assign"; assignee: string };

/** Claims, assigns or releases a task; the worklists, the task and the journal (which records it) refresh. */
export function useAssignTask(taskId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: Assignment) => {
      const path = { params: { path: { id: taskId } } };
      if (change.action === "claim") return unwrap(api.POST("/api/tasks/{id}/claim", path));
      if (change.action === "release") return unwrap(api.POST("/api/tasks/{id}/release", path));
      return unwrap(api.POST("/api/tasks/{id}/assign", { ...path, body: { assignee: change.assignee } }));
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: progressKeys.all }),
  });
}

/** Completes (or decides) a task; the pathway moves on, so its tasks, instances and journals refresh. */
export function useCompleteTask(taskId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: CompletionBody) => unwrap(api.POST("/api/tasks/{id}/complete", { params: { path: { id: taskId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: progressKeys.all }),
  });
}
