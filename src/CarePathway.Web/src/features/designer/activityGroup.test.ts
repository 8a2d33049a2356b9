import { describe, expect, it } from "vitest";
import { copyGroup, pasteGroup, pasteStep } from "./activityGroup";
import type { DefinitionDoc } from "./definitionModel";
import { unmeasuredSize } from "./diagramLayout";

/** start → call → letter → end in a column, 200 px apart. */
const pathway = (): DefinitionDoc => ({
  definitionId: "sample",
  version: 1,
  name: "Sample",
  activities: ["start", "call", "letter", "end"].map((id, i) => ({
    id,
    type: "Reminder",
    name: id === "call" ? "Call the family" : undefined,
    inputs: { title: id },
    position: { x: 0, y: i * 200 },
  })),
  connections: [
    { from: "start", outcome: "done", to: "call" },
    { from: "call", outcome: "done", to: "letter" },
    { from: "letter", outcome: "done", to: "end" },
  ],
});

const noSizes = new Map<string, { width: number; height: number }>();

describe("copy and paste of a group of activities", () => {
  it("copies the activities with the connections among them, not those leading out", () => {
    const group = copyGroup(pathway(), new Set(["call", "letter"]));
    expect(group.activities.map((a) => a.id)).toEqual(["call", "letter"]);
    expect(group.connections).toEqual([{ from: "call", outcome: "done", to: "letter" }]);
  });

  it("pastes copies with fresh ids, connected among themselves, and answers their ids", () => {
    const doc = pathway();
    const [pasted, ids] = pasteGroup(doc, copyGroup(doc, new Set(["call", "letter"])), noSizes);
    expect(ids).toEqual(["call-copy", "letter-copy"]);
    expect(pasted.activities).toHaveLength(6);
    expect(pasted.connections).toHaveLength(4);
    expect(pasted.connections).toContainEqual({ from: "call-copy", outcome: "done", to: "letter-copy" });
    expect(pasted.connections.filter((c) => c.to === "call-copy" || c.from === "letter-copy")).toEqual([]);
    const copy = pasted.activities.find((a) => a.id === "call-copy")!;
    expect(copy).toMatchObject({ type: "Reminder", name: "Call the family", inputs: { title: "call" } });
  });

  it("gives every paste ids of its own", () => {
    const doc = pathway();
    const group = copyGroup(doc, new Set(["call"]));
    const [once] = pasteGroup(doc, group, noSizes);
    const [twice, ids] = pasteGroup(once, group, noSizes);
    expect(ids).toEqual(["call-copy-2"]);
    expect(new Set(twice.activities.map((a) => a.id)).size).toBe(twice.activities.length);
  });

  it("moves the copies, keeping their arrangement, until none overlaps what is there", () => {
    const doc = pathway();
    const [pasted] = pasteGroup(doc, copyGroup(doc, new Set(["call", "letter"])), noSizes);
    const at = (id: string) => pasted.activities.find((a) => a.id === id)!.position!;
    const dx = at("call-copy").x - at("call").x;
    expect(dx).toBeGreaterThan(0);
    expect(dx % pasteStep).toBe(0);
    expect(at("letter-copy").y - at("call-copy").y).toBe(200);
    for (const copy of ["call-copy", "letter-copy"])
      for (const original of ["start", "call", "letter", "end"]) {
        const p = at(copy);
        const q = at(original);
        const apart =
          p.x >= q.x + unmeasuredSize.width || q.x >= p.x + unmeasuredSize.width || p.y >= q.y + unmeasuredSize.height || q.y >= p.y + unmeasuredSize.height;
        expect(apart, `${copy} clear of ${original}`).toBe(true);
      }
  });

  it("leaves the copied group untouched, so it can be pasted again", () => {
    const doc = pathway();
    const group = copyGroup(doc, new Set(["call"]));
    const [pasted] = pasteGroup(doc, group, noSizes);
    pasted.activities.find((a) => a.id === "call-copy")!.inputs!.title = "changed";
    expect(group.activities[0]!.inputs!.title).toBe("call");
  });
});
