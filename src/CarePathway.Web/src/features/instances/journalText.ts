import type { JournalEntry } from "../../api/types";
import { jsonText } from "../../ui/format";

/** The lab gate an entry is about, as clinicians name it (" (baseline work-up)"), from the entry's data. */
const gate = (e: JournalEntry) => {
  const name = (e.data as { gate?: unknown } | null)?.gate;
  return typeof name === "string" ? ` (${name})` : "";
};

/** A field of the entry's data as text, or "" when absent. */
const field = (e: JournalEntry, name: string) => {
  const value = (e.data as Record<string, unknown> | null)?.[name];
  return value === undefined || value === null ? "" : jsonText(value);
};

/** Plain-language lines for the engine's journal entry types; unknown types show as they are. */
const describe: Record<string, (e: JournalEntry) => string> = {
  "pathway.started": () => "Pathway started",
  "pathway.completed": () => "Pathway completed",
  "pathway.suspended": () => "Pathway suspended",
  "pathway.resumed": () => "Pathway resumed",
  "pathway.cancelled": () => "Pathway cancelled",
  "activity.executed": (e) => `Step done${e.outcome ? ` → ${e.outcome}` : ""}`,
  "task.created": () => "Task created",
  "task.completed": (e) => `Task completed: ${e.outcome ?? ""}`,
  "task.cancelled": () => "Task cancelled",
  "task.assigned": (e) => {
    if (field(e, "action") === "claimed") return "Task claimed";
    if (field(e, "action") === "released") return `Task released to the team (was ${field(e, "from")})`;
    return field(e, "from") ? `Task reassigned to ${field(e, "to")} (was ${field(e, "from")})` : `Task assigned to ${field(e, "to")}`;
  },
  decision: (e) => `Decision: ${e.outcome ?? ""}`,
  "variable.set": () => "Value recorded",
  "timer.scheduled": () => "Timer set",
  "timer.fired": () => "Timer fired",
  "event.awaited": () => "Waiting for a result",
  "event.received": () => "Result received",
  "reminder.created": () => "Reminder created",
  "lab.requested": (e) => `Labs requested${gate(e)}`,
  "lab.resulted": () => "Lab result in",
  "gate.passed": (e) => `Lab gate passed${gate(e)}`,
  "gate.held": (e) => `Held at the lab gate${gate(e)}`,
  "renal.calculated": (e) => `Renal function calculated: ${field(e, "value")} ${field(e, "unit")}`.trim(),
  "dose.calculated": (e) => `Dose calculated: ${field(e, "drug")} ${field(e, "doseMg")} mg, cycle ${field(e, "cycle")}`,
  "dose.scheduled": (e) => `Dose scheduled: ${field(e, "drug")}`,
  "infusion.administered": (e) =>
    `Infusion given: ${field(e, "drug")} ${field(e, "doseMg")} mg over ${field(e, "infusionMinutes")} min (cycle ${field(e, "cycle")}, day ${field(e, "cycleDay")}) by ${field(e, "by")}`,
  incident: () => "Incident: the step failed",
  "incident.resolved": () => "Incident resolved",
};

export const journalText = (entry: JournalEntry) => (describe[entry.type] ?? (() => entry.type))(entry);
