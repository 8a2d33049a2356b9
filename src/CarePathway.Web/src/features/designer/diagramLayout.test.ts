import { describe, expect, it } from "vitest";
import type { DefinitionDoc } from "./definitionModel";
import { needsLayout, placeNewActivity, tidyLayout, unmeasuredSize, type Size } from "./diagramLayout";

/** Start → triage → (urgent) call → end, (routine) letter → end, with no positions: the shape of a hand-written file. */
const branching = (): DefinitionDoc => ({
  definitionId: "sample",
  version: 1,
  name: "Sample",
  activities: ["start", "triage", "call", "letter", "end"].map((id) => ({ id, type: "Task" })),
  connections: [
    { from: "start", outcome: "done", to: "triage" },
    { from: "triage", outcome: "urgent", to: "call" },
    { from: "triage", outcome: "routine", to: "letter" },
    { from: "call", outcome: "done", to: "end" },
    { from: "letter", outcome: "done", to: "end" },
  ],
});

/** A chain of n activities, all piled on one spot. */
const chain = (n: number): DefinitionDoc => ({
  definitionId: "chain",
  version: 1,
  name: "Chain",
  activities: Array.from({ length: n }, (_, i) => ({ id: `a${i}`, type: "Delay", position: { x: 0, y: 0 } })),
  connections: Array.from({ length: n - 1 }, (_, i) => ({ from: `a${i}`, outcome: "done", to: `a${i + 1}` })),
});

const noSizes: ReadonlyMap<string, Size> = new Map();

function boxes(doc: DefinitionDoc, sizes: ReadonlyMap<string, Size> = noSizes) {
  return doc.activities.map((a) => ({ id: a.id, ...a.position!, ...(sizes.get(a.id) ?? unmeasuredSize) }));
}

function overlapping(doc: DefinitionDoc, sizes: ReadonlyMap<string, Size> = noSizes): string[] {
  const all = boxes(doc, sizes);
  return all.flatMap((a, i) =>
    all
      .slice(i + 1)
      .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
      .map((b) => `${a.id}/${b.id}`),
  );
}

describe("tidyLayout", () => {
  it("places every activity with no two overlapping", () => {
    const laid = tidyLayout(branching(), noSizes);
    expect(laid.activities.every((a) => a.position)).toBe(true);
    expect(overlapping(laid)).toEqual([]);
  });

  it("makes every connection flow downwards, from below its source to above its target", () => {
    const laid = tidyLayout(branching(), noSizes);
    const at = new Map(boxes(laid).map((b) => [b.id, b]));
    for (const c of laid.connections) {
      const from = at.get(c.from)!;
      expect(at.get(c.to)!.y, `${c.from} → ${c.to}`).toBeGreaterThanOrEqual(from.y + from.height);
    }
  });

  it("puts the branches of one outcome side by side", () => {
    const at = new Map(boxes(tidyLayout(branching(), noSizes)).map((b) => [b.id, b]));
    expect(at.get("call")!.y).toBe(at.get("letter")!.y);
    expect(at.get("call")!.x).not.toBe(at.get("letter")!.x);
  });

  it("uses the sizes measured in the page, so large nodes do not overlap either", () => {
    const sizes = new Map([["triage", { width: 600, height: 300 }]]);
    expect(overlapping(tidyLayout(branching(), sizes), sizes)).toEqual([]);
  });

  it("lays out a loop, keeping only its closing connection running back up", () => {
    const looped = { ...chain(4), connections: [...chain(4).connections, { from: "a3", outcome: "again", to: "a0" }] };
    const at = new Map(boxes(tidyLayout(looped, noSizes)).map((b) => [b.id, b]));
    expect(overlapping(tidyLayout(looped, noSizes))).toEqual([]);
    const ys = ["a0", "a1", "a2", "a3"].map((id) => at.get(id)!.y);
    expect(new Set(ys).size).toBe(4);
    expect(ys).toEqual([...ys].sort((p, q) => p - q));
  });

  it("keeps everything else of each activity", () => {
    const doc = branching();
    doc.activities[1] = { ...doc.activities[1]!, name: "Triage", inputs: { outcomes: ["urgent", "routine"] } };
    const triage = tidyLayout(doc, noSizes).activities[1]!;
    expect(triage).toMatchObject({ id: "triage", name: "Triage", inputs: { outcomes: ["urgent", "routine"] } });
  });
});

describe("needsLayout", () => {
  it("is true only when no activity has a position", () => {
    expect(needsLayout(branching())).toBe(true);
    expect(needsLayout(chain(3))).toBe(false);
    const partly = branching();
    partly.activities[0] = { ...partly.activities[0]!, position: { x: 5, y: 5 } };
    expect(needsLayout(partly)).toBe(false);
    expect(needsLayout({ ...branching(), activities: [] })).toBe(false);
  });
});

describe("placeNewActivity", () => {
  const laid = () => tidyLayout(branching(), noSizes);

  it("goes directly below the activity it follows when that spot is free", () => {
    const doc = laid();
    const end = doc.activities.find((a) => a.id === "end")!.position!;
    const placed = placeNewActivity(doc, "end", noSizes);
    expect(placed.x).toBe(end.x);
    expect(placed.y).toBeGreaterThan(end.y + unmeasuredSize.height);
    expect(placed.y).toBeLessThan(end.y + 2 * unmeasuredSize.height);
  });

  it("moves aside, at the same height, when something already sits below the activity it follows", () => {
    const doc = laid();
    const triage = doc.activities.find((a) => a.id === "triage")!.position!;
    const placed = placeNewActivity(doc, "triage", noSizes);
    const withNew = { ...doc, activities: [...doc.activities, { id: "new", type: "Task", position: placed }] };
    expect(overlapping(withNew)).toEqual([]);
    expect(placed.y).toBe(triage.y + unmeasuredSize.height + 70);
  });

  it("goes below the whole diagram when nothing is selected", () => {
    const doc = laid();
    const bottom = Math.max(...boxes(doc).map((b) => b.y + b.height));
    expect(placeNewActivity(doc, null, noSizes).y).toBeGreaterThan(bottom);
  });

  it("goes at the origin of an empty diagram", () => {
    expect(placeNewActivity({ ...branching(), activities: [] }, null, noSizes)).toEqual({ x: 0, y: 0 });
  });
});
