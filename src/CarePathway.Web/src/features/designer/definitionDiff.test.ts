import { describe, expect, it } from "vitest";
import { activityMarks, diffDefinitions, isEmptyDiff } from "./definitionDiff";
import type { DefinitionDoc } from "./definitionModel";

const v1 = (): DefinitionDoc => ({
  definitionId: "sample",
  version: 1,
  name: "Sample",
  parameters: [
    { name: "followUpAfter", type: "duration", default: "P14D", unit: null, source: "protocol" },
    { name: "maxDoseMg", type: "number", default: 60, unit: "mg", source: "label" },
  ],
  activities: [
    { id: "start", type: "Start", position: { x: 0, y: 0 } },
    { id: "review", type: "HumanTask", name: "Review", inputs: { role: "clinician", outcomes: ["approved", "rejected"] }, position: { x: 0, y: 100 } },
    { id: "end", type: "End", position: { x: 0, y: 200 } },
  ],
  connections: [
    { from: "start", outcome: "done", to: "review" },
    { from: "review", outcome: "approved", to: "end" },
  ],
});

describe("diffDefinitions", () => {
  it("finds nothing between a document and its copy", () => {
    const diff = diffDefinitions(v1(), v1());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(activityMarks(diff).size).toBe(0);
  });

  it("does not count moved nodes, a new version number, key order or missing-versus-null", () => {
    const after = v1();
    after.version = 2;
    after.activities[1] = {
      position: { x: 300, y: 40 },
      inputs: { outcomes: ["approved", "rejected"], role: "clinician" },
      name: "Review",
      type: "HumanTask",
      id: "review",
    };
    after.parameters![0] = { ...after.parameters![0]!, description: null };
    expect(isEmptyDiff(diffDefinitions(v1(), after))).toBe(true);
  });

  it("reports added and removed activities and connections", () => {
    const after = v1();
    after.activities = after.activities.filter((a) => a.id !== "end");
    after.activities.push({ id: "reminder", type: "Reminder", inputs: {} });
    after.connections = [after.connections[0]!, { from: "review", outcome: "approved", to: "reminder" }];

    const diff = diffDefinitions(v1(), after);

    expect(diff.activities.added.map((a) => a.id)).toEqual(["reminder"]);
    expect(diff.activities.removed.map((a) => a.id)).toEqual(["end"]);
    expect(diff.connections.added).toEqual([{ from: "review", outcome: "approved", to: "reminder" }]);
    expect(diff.connections.removed).toEqual([{ from: "review", outcome: "approved", to: "end" }]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it("reports an activity's changed fields and inputs one by one, old and new, sorted by field", () => {
    const after = v1();
    after.activities[1] = {
      ...after.activities[1]!,
      name: "Clinician review",
      inputs: { role: "coordinator", outcomes: ["approved", "rejected"], dueIn: "P2D" },
    };

    const diff = diffDefinitions(v1(), after);

    expect(diff.activities.changed).toEqual([
      {
        id: "review",
        type: "HumanTask",
        changes: [
          { field: "name", before: "Review", after: "Clinician review" },
          { field: "inputs.dueIn", before: null, after: "P2D" },
          { field: "inputs.role", before: "clinician", after: "coordinator" },
        ],
      },
    ]);
    expect(activityMarks(diff)).toEqual(new Map([["review", "changed"]]));
  });

  it("compares nested input values as JSON, so a changed list item is a change", () => {
    const after = v1();
    after.activities[1] = { ...after.activities[1]!, inputs: { role: "clinician", outcomes: ["approved", "rejected", "overridden"] } };
    const [change] = diffDefinitions(v1(), after).activities.changed;
    expect(change?.changes).toEqual([{ field: "inputs.outcomes", before: ["approved", "rejected"], after: ["approved", "rejected", "overridden"] }]);
  });

  it("reports parameters added, removed and changed by name", () => {
    const after = v1();
    after.parameters = [
      { ...after.parameters![1]!, default: 45 },
      { name: "minCrClMl", type: "number", default: 35, unit: "mL/min", source: "label" },
    ];

    const { parameters } = diffDefinitions(v1(), after);

    expect(parameters.added.map((p) => p.name)).toEqual(["minCrClMl"]);
    expect(parameters.removed.map((p) => p.name)).toEqual(["followUpAfter"]);
    expect(parameters.changed).toEqual([{ name: "maxDoseMg", changes: [{ field: "default", before: 60, after: 45 }] }]);
  });

  it("reports the definition's own fields, and treats a missing parameter list as empty", () => {
    const before = { ...v1(), parameters: null };
    const after = { ...v1(), name: "Sample, revised" };
    const diff = diffDefinitions(before, after);
    expect(diff.definition).toEqual([{ field: "name", before: "Sample", after: "Sample, revised" }]);
    expect(diff.parameters.added.map((p) => p.name)).toEqual(["followUpAfter", "maxDoseMg"]);
  });

  it("marks added activities as added, on the newer side only", () => {
    const after = v1();
    after.activities.push({ id: "reminder", type: "Reminder" });
    expect(activityMarks(diffDefinitions(v1(), after))).toEqual(new Map([["reminder", "added"]]));
    expect(activityMarks(diffDefinitions(after, v1())).size).toBe(0);
  });
});
