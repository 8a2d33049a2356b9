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
export type CompletionBody = components["schemas"]["CompletionBody"];

/** Tasks are opened and closed by pathways moving on, so their keys sit under `progressKeys`. */
export const taskKeys = resourceKeys<TaskListQuery>()(...progressKeys.all, "tasks");

/** A worklist page: the server filters, sorts and pages (`role`, `status`, `due`, `labs`, `sort`, `page`...). */
export const taskListQuery = (query: TaskListQuery) =>
  queryOptions({
    queryKey: taskKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/tasks", { params: { query } })),
  });

/** One task: its form with types and defaults, its evidence, its decision once made. */
export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/tasks/{id}", { params: { path: { id } } })),
  });

/** Completes (or decides) a task; the pathway moves on, so its tasks, instances and journals refresh. */
export function useCompleteTask(taskId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: CompletionBody) => unwrap(api.POST("/api/tasks/{id}/complete", { params: { path: { id: taskId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: progressKeys.all }),
  });
}
