import { describe, expect, it } from "vitest";
import type { ActivityDescriptor, ValidationProblem } from "../../api/types";
import {
  activityChoiceLabel,
  activityName,
  addActivity,
  asDefinitionDoc,
  connect,
  connectionKey,
  disconnect,
  newActivityId,
  outcomesOf,
  problemsByActivity,
  removeActivities,
  renameActivity,
  updateActivity,
  type DefinitionDoc,
} from "./definitionModel";

/** Start → review → (approved) end, (rejected) end: small enough to read, enough to rename and cut. */
const pathway = (): DefinitionDoc => ({
  definitionId: "sample",
  version: 1,
  name: "Sample",
  activities: [
    { id: "start", type: "Start", position: { x: 0, y: 0 } },
    { id: "review", type: "HumanTask", inputs: { outcomes: ["approved", "rejected"] }, position: { x: 0, y: 100 } },
    { id: "end", type: "End", position: { x: 0, y: 200 } },
  ],
  connections: [
    { from: "start", outcome: "done", to: "review" },
    { from: "review", outcome: "approved", to: "end" },
    { from: "review", outcome: "rejected", to: "end" },
  ],
});

const descriptor = (d: Partial<ActivityDescriptor>): ActivityDescriptor => ({ type: "T", displayName: "T", category: "c", description: "", ...d });

describe("asDefinitionDoc", () => {
  it("fills missing lists and keeps fields the designer does not know", () => {
    const doc = asDefinitionDoc({ definitionId: "x", version: 2, name: "X", custom: { kept: true } });
    expect(doc.activities).toEqual([]);
    expect(doc.connections).toEqual([]);
    expect(doc.custom).toEqual({ kept: true });
  });

  it("reads null as an empty document", () => {
    expect(asDefinitionDoc(null)).toEqual({ activities: [], connections: [] });
  });
});

describe("outcomesOf", () => {
  const review = pathway().activities[1]!;

  it("uses the type's fixed outcomes", () => {
    expect(outcomesOf(review, descriptor({ outcomes: ["done"] }))).toEqual(["done"]);
  });

  it("reads the outcomes from the input the type names, as strings or { outcome } objects, skipping empty ones", () => {
    expect(outcomesOf(review, descriptor({ outcomesFrom: "outcomes" }))).toEqual(["approved", "rejected"]);
    const cases = { ...review, inputs: { cases: [{ outcome: "high" }, { outcome: "low" }, { when: "no outcome" }] } };
    expect(outcomesOf(cases, descriptor({ outcomesFrom: "cases" }))).toEqual(["high", "low"]);
  });

  it("falls back to the fixed outcomes when the input is not a list, and has none without a descriptor", () => {
    expect(outcomesOf({ ...review, inputs: {} }, descriptor({ outcomesFrom: "outcomes", outcomes: ["otherwise"] }))).toEqual(["otherwise"]);
    expect(outcomesOf(review, undefined)).toEqual([]);
  });
});

describe("problemsByActivity", () => {
  it("groups problems by activity, the definition's own under the empty key, in order", () => {
    const problems: ValidationProblem[] = [
      { activityId: "review", field: "inputs.outcomes", message: "a" },
      { activityId: null, field: "name", message: "b" },
      { activityId: "review", field: "inputs.role", message: "c" },
    ];
    const map = problemsByActivity(problems);
    expect([...map.keys()]).toEqual(["review", ""]);
    expect(map.get("review")!.map((p) => p.message)).toEqual(["a", "c"]);
    expect(map.get("")!.map((p) => p.message)).toEqual(["b"]);
  });
});

describe("newActivityId and addActivity", () => {
  it("names a new activity after its type in kebab case, numbering when taken", () => {
    const doc = pathway();
    expect(newActivityId(doc, "LabGate")).toBe("lab-gate");
    const [once, first] = addActivity(doc, "LabGate", { x: 5, y: 6 });
    const [twice, second] = addActivity(once, "LabGate", { x: 7, y: 8 });
    const [, third] = addActivity(twice, "LabGate", { x: 9, y: 9 });
    expect([first, second, third]).toEqual(["lab-gate", "lab-gate-2", "lab-gate-3"]);
    expect(once.activities.at(-1)).toEqual({ id: "lab-gate", type: "LabGate", inputs: {}, position: { x: 5, y: 6 } });
  });

  it("leaves the document it was given as it was", () => {
    const doc = pathway();
    addActivity(doc, "End", { x: 0, y: 0 });
    expect(doc.activities).toHaveLength(3);
    expect(newActivityId(doc, "End")).toBe("end-2");
  });
});

describe("editing activities", () => {
  it("updates one activity and no other", () => {
    const doc = updateActivity(pathway(), "review", (a) => ({ ...a, name: "Clinician review" }));
    expect(doc.activities.map((a) => a.name)).toEqual([undefined, "Clinician review", undefined]);
  });

  it("renames an activity and every connection that names it", () => {
    const doc = renameActivity(pathway(), "review", "approval");
    expect(doc.activities.map((a) => a.id)).toEqual(["start", "approval", "end"]);
    expect(doc.connections.map(connectionKey)).toEqual(["start:done->approval", "approval:approved->end", "approval:rejected->end"]);
  });

  it("removes activities with the connections to and from them", () => {
    const doc = removeActivities(pathway(), new Set(["review"]));
    expect(doc.activities.map((a) => a.id)).toEqual(["start", "end"]);
    expect(doc.connections).toEqual([]);
  });
});

describe("connections", () => {
  it("connects an outcome to one place: a new target replaces the old link", () => {
    const doc = connect(pathway(), { from: "review", outcome: "rejected", to: "start" });
    expect(doc.connections.filter((c) => c.from === "review").map(connectionKey)).toEqual(["review:approved->end", "review:rejected->start"]);
    expect(doc.connections).toHaveLength(3);
  });

  it("adds a link for an outcome not yet connected", () => {
    const doc = connect(pathway(), { from: "end", outcome: "done", to: "start" });
    expect(doc.connections.map(connectionKey)).toContain("end:done->start");
    expect(doc.connections).toHaveLength(4);
  });

  it("disconnects by key and keeps the rest", () => {
    const doc = disconnect(pathway(), new Set(["review:approved->end", "no:such->link"]));
    expect(doc.connections.map(connectionKey)).toEqual(["start:done->review", "review:rejected->end"]);
  });
});

describe("activity names", () => {
  it("are the name, else the task's title, else the id", () => {
    expect(activityName({ id: "call", type: "Reminder", name: "Follow-up call", inputs: { title: "Call the family" } })).toBe("Follow-up call");
    expect(activityName({ id: "call", type: "Reminder", name: "  ", inputs: { title: "Call the family" } })).toBe("Call the family");
    expect(activityName({ id: "call", type: "Reminder", inputs: { title: { not: "text" } } })).toBe("call");
    expect(activityName({ id: "call", type: "Reminder" })).toBe("call");
  });

  it("in a list to choose from, carry the id after the name, or are the id alone", () => {
    expect(activityChoiceLabel({ id: "follow-up", type: "Delay", name: "Follow-up call" })).toBe("Follow-up call (follow-up)");
    expect(activityChoiceLabel({ id: "end", type: "End" })).toBe("end");
  });
});
