import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../../api/types";
import { journalText } from "./journalText";

const entry = (type: string, more: Partial<JournalEntry> = {}): JournalEntry => ({
  sequence: 1,
  at: "2026-03-01T09:00:00Z",
  type,
  activityId: null,
  outcome: null,
  causeKind: "system",
  actor: null,
  data: null,
  ...more,
});

describe("journalText", () => {
  it("says what happened in plain words", () => {
    expect(journalText(entry("pathway.started"))).toBe("Pathway started");
    expect(journalText(entry("event.awaited"))).toBe("Waiting for a result");
    expect(journalText(entry("incident"))).toBe("Incident: the step failed");
  });

  it("adds the outcome where the entry has one", () => {
    expect(journalText(entry("activity.executed", { outcome: "approved" }))).toBe("Step done → approved");
    expect(journalText(entry("activity.executed"))).toBe("Step done");
    expect(journalText(entry("task.completed", { outcome: "rejected" }))).toBe("Task completed: rejected");
  });

  it("says who a task went to and from whom", () => {
    const assigned = (action: string, from: string | null, to: string | null) => entry("task.assigned", { data: { action, from, to } });
    expect(journalText(assigned("claimed", null, "ann"))).toBe("Task claimed");
    expect(journalText(assigned("assigned", null, "ben"))).toBe("Task assigned to ben");
    expect(journalText(assigned("assigned", "ann", "ben"))).toBe("Task reassigned to ben (was ann)");
    expect(journalText(assigned("released", "ben", null))).toBe("Task released to the team (was ben)");
  });

  it("names the lab gate from the entry's data, and only a gate given as text", () => {
    expect(journalText(entry("gate.passed", { data: { gate: "baseline work-up" } }))).toBe("Lab gate passed (baseline work-up)");
    expect(journalText(entry("gate.held", { data: { gate: 3 } }))).toBe("Held at the lab gate");
    expect(journalText(entry("lab.requested"))).toBe("Labs requested");
  });

  it("writes the dose and the infusion from their data fields", () => {
    expect(journalText(entry("dose.calculated", { data: { drug: "pamidronate", doseMg: 30, cycle: 2 } }))).toBe("Dose calculated: pamidronate 30 mg, cycle 2");
    expect(
      journalText(
        entry("infusion.administered", { data: { drug: "pamidronate", doseMg: 30.5, infusionMinutes: 240, cycle: 1, cycleDay: 2, by: "coordinator" } }),
      ),
    ).toBe("Infusion given: pamidronate 30.5 mg over 240 min (cycle 1, day 2) by coordinator");
  });

  it("leaves out a missing field, and trims what is left", () => {
    expect(journalText(entry("renal.calculated", { data: { value: 92 } }))).toBe("Renal function calculated: 92");
    expect(journalText(entry("renal.calculated", { data: { value: 92, unit: "mL/min/1.73m2" } }))).toBe("Renal function calculated: 92 mL/min/1.73m2");
  });

  it("shows an entry type it does not know as it is", () => {
    expect(journalText(entry("something.new"))).toBe("something.new");
  });
});
