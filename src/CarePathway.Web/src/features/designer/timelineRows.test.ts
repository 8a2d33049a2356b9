import { describe, expect, it } from "vitest";
import { timelineRows } from "./timelineRows";

describe("timelineRows", () => {
  it("makes a row per entry: day, what in words, activity, and the other fields in short", () => {
    const rows = timelineRows([
      { day: 0, at: "2026-03-01T09:00:00Z", type: "pathway.started" },
      {
        day: 1,
        at: "2026-03-02T09:00:00Z",
        type: "lab.resulted",
        activity: "baseline-gate",
        code: "2160-0",
        value: { value: 0.55, unit: "mg/dL" },
        missing: null,
      },
    ]);
    expect(rows).toEqual([
      { day: 0, what: "pathway started", activity: null, summary: "" },
      { day: 1, what: "lab resulted", activity: "baseline-gate", summary: "code: 2160-0 · value: 0.55 mg/dL" },
    ]);
  });

  it("places a task's completion at the activity that created the task", () => {
    const rows = timelineRows([
      { day: 2, type: "task.created", activity: "approval", taskId: "t1" },
      { day: 3, type: "task.completed", taskId: "t1", outcome: "approved", passed: true },
      { day: 3, type: "task.completed", taskId: "unknown", outcome: "rejected" },
    ]);
    expect(rows.map((r) => r.activity)).toEqual(["approval", "approval", null]);
    expect(rows[1]!.summary).toBe("outcome: approved · passed: yes");
    expect(rows[1]!.what).toBe("task completed");
  });

  it("spells out hyphenated types and reads the day as a number", () => {
    const [row] = timelineRows([{ day: "4", type: "dose-reminder.sent", items: ["a", "b"] }]);
    expect(row).toEqual({ day: 4, what: "dose reminder sent", activity: null, summary: "items: a, b" });
  });
});
