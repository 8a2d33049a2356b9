/**
 * The worklist's tabs. Each task tab is one of the server's views (`view=` on GET /api/tasks, counted by
 * GET /api/tasks/counts), so a tab's count and its rows come from the same definition in the database.
 * "No due date" is the coordinator's work that carries no deadline (older pathway versions): it has its own
 * tab, and "Due today" says how much of it there is. "Suspended pathways" lists pathways, not tasks.
 */
export const worklistTabs = [
  { id: "today", label: "Due today", view: "today" },
  { id: "overdue", label: "Overdue", view: "overdue" },
  { id: "upcoming", label: "Upcoming", view: "upcoming" },
  { id: "undated", label: "No due date", view: "undated" },
  { id: "held", label: "Held", view: "held" },
  { id: "approval", label: "Waiting for approval", view: "approval" },
  { id: "labs", label: "Missing labs", view: "missing-labs" },
  { id: "all", label: "All open", view: "all" },
  { id: "suspended", label: "Suspended pathways", view: null },
] as const satisfies readonly { id: string; label: string; view: string | null }[];

export type WorklistTab = (typeof worklistTabs)[number];

/** The filters every tab shares, as the URL keeps them (empty: not filtered). */
export interface WorklistFilters {
  definitionId: string;
  kind: string;
  patient: string;
  assignee: string;
}

export const filterKeys = ["definitionId", "kind", "patient", "assignee"] as const satisfies readonly (keyof WorklistFilters)[];

/** The filters as query parameters: only those given, so the cache key and the URL stay short. */
export const filterQuery = (filters: WorklistFilters) =>
  Object.fromEntries(filterKeys.filter((k) => filters[k] !== "").map((k) => [k, filters[k]])) as Partial<WorklistFilters>;
