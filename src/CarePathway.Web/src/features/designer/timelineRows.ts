import { formatValue } from "../../ui/format";

/** A simulated timeline entry as a table row: day, what happened, where, and its other fields in short. */
export interface TimelineRow {
  day: number;
  what: string;
  activity: string | null;
  summary: string;
}

/** Fields every entry has, or that the row shows in its own column. */
const shownApart = new Set(["day", "at", "type", "activity", "taskId"]);

export function timelineRows(entries: readonly Record<string, unknown>[]): TimelineRow[] {
  // Completions name the task, not the activity: the task's creation says where it was.
  const activityOfTask = new Map<unknown, string>();
  for (const e of entries) if (e.type === "task.created" && typeof e.activity === "string") activityOfTask.set(e.taskId, e.activity);
  return entries.map((e) => ({
    day: Number(e.day),
    what: String(e.type).replace(/[.-]/g, " "),
    activity: typeof e.activity === "string" ? e.activity : (activityOfTask.get(e.taskId) ?? null),
    summary: Object.entries(e)
      .filter(([k, v]) => !shownApart.has(k) && v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(" · "),
  }));
}
