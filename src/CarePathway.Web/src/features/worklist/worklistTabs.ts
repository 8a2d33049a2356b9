import type { TaskListQuery } from "../tasks/api";

/**
 * The worklist's tabs as server-side filters (GET /api/tasks): filtering, sorting and paging
 * happen in the database, so a tab stays fast with thousands of open tasks. "Missing labs" and
 * "Held" are a lab gate's order-labs tasks, by why they ask for labs (the task's labHold).
 * "Suspended pathways" is different: it lists pathways a person suspended, not tasks.
 */
export const worklistTabs = [
  { id: "today", label: "Due today", query: { role: "coordinator", due: "today" } },
  { id: "overdue", label: "Overdue", query: { role: "coordinator", due: "overdue" } },
  { id: "upcoming", label: "Upcoming", query: { role: "coordinator", due: "upcoming" } },
  { id: "held", label: "Held", query: { labs: "held" } },
  { id: "approval", label: "Waiting for approval", query: { role: "clinician" } },
  { id: "labs", label: "Missing labs", query: { labs: "missing" } },
  { id: "all", label: "All open", query: {} },
  { id: "suspended", label: "Suspended pathways", query: null },
] as const satisfies readonly { id: string; label: string; query: TaskListQuery | null }[];
