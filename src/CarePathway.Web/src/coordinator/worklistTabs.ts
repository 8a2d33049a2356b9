import type { paths } from "../api/schema";

export type TaskQuery = NonNullable<paths["/api/tasks"]["get"]["parameters"]["query"]>;

/**
 * The worklist's tabs as server-side filters (GET /api/tasks): filtering, sorting and paging
 * happen in the database, so a tab stays fast with thousands of open tasks.
 * "Held" is different: it lists suspended pathways (their tasks cannot be completed until resumed).
 */
export const worklistTabs = [
  { id: "today", label: "Due today", query: { role: "coordinator", due: "today" } },
  { id: "overdue", label: "Overdue", query: { role: "coordinator", due: "overdue" } },
  { id: "upcoming", label: "Upcoming", query: { role: "coordinator", due: "upcoming" } },
  { id: "approval", label: "Waiting for approval", query: { role: "clinician" } },
  { id: "labs", label: "Missing labs", query: { kind: "order-labs" } },
  { id: "all", label: "All open", query: {} },
  { id: "held", label: "Held", query: null },
] as const satisfies readonly { id: string; label: string; query: TaskQuery | null }[];

export type WorklistTabId = (typeof worklistTabs)[number]["id"];
