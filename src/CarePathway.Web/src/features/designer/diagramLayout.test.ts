import { describe, expect, it } from "vitest";
import type { DefinitionDoc } from "./definitionModel";
import { needsLayout, placeNewActivity, placeUnpositioned, tidyLayout, unmeasuredSize, type Size } from "./diagramLayout";

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

/** Start, a fork into `branches` branches of `length` delays each, their join, End: a large pathway's shape, without positions. */
const forkOfChains = (branches: number, length: number): DefinitionDoc => {
  const branch = (b: number) => Array.from({ length }, (_, i) => `wait-${b}-${i + 1}`);
  const all = Array.from({ length: branches }, (_, b) => branch(b + 1));
  return {
    definitionId: "large",
    version: 1,
    name: "Large",
    activities: [
      { id: "start", type: "Start" },
      { id: "fork", type: "Fork" },
      ...all.flat().map((id) => ({ id, type: "Delay" })),
      { id: "join", type: "Join" },
      { id: "end", type: "End" },
    ],
    connections: [
      { from: "start", outcome: "done", to: "fork" },
      ...all.flatMap((ids, b) => [
        { from: "fork", outcome: `branch-${b + 1}`, to: ids[0]! },
        ...ids.slice(1).map((id, i) => ({ from: ids[i]!, outcome: "done", to: id })),
        { from: ids.at(-1)!, outcome: "done", to: "join" },
      ]),
      { from: "join", outcome: "done", to: "end" },
    ],
  };
};

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

  it("lays out a 200-activity pathway (no crossing reduction) with no overlaps, downwards, each branch in a column of its own, left to right", () => {
    const laid = tidyLayout(forkOfChains(14, 14), noSizes);
    expect(overlapping(laid)).toEqual([]);
    const at = new Map(boxes(laid).map((b) => [b.id, b]));
    for (const c of laid.connections) expect(at.get(c.to)!.y, `${c.from} → ${c.to}`).toBeGreaterThan(at.get(c.from)!.y);
    const columns = Array.from({ length: 14 }, (_, b) => new Set(Array.from({ length: 14 }, (_, i) => at.get(`wait-${b + 1}-${i + 1}`)!.x)));
    expect(columns.every((xs) => xs.size === 1)).toBe(true);
    const lefts = columns.map((xs) => [...xs][0]!);
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect(new Set(lefts).size).toBe(14);
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

describe("placeUnpositioned", () => {
  /** The branching sample laid out and moved far from the origin, with the given activities' positions taken away. */
  const withoutPositions = (...ids: string[]): DefinitionDoc => {
    const laid = tidyLayout(branching(), noSizes);
    return {
      ...laid,
      activities: laid.activities.map((a) =>
        ids.includes(a.id) ? { id: a.id, type: a.type } : { ...a, position: { x: a.position!.x + 1000, y: a.position!.y + 500 } },
      ),
    };
  };
  const positionOf = (doc: DefinitionDoc, id: string) => doc.activities.find((a) => a.id === id)!.position!;

  it("keeps every positioned activity where it is", () => {
    const doc = withoutPositions("letter");
    const placed = placeUnpositioned(doc, noSizes);
    for (const a of doc.activities.filter((x) => x.position)) expect(positionOf(placed, a.id)).toEqual(a.position);
  });

  it("puts an unpositioned activity next to what it connects to, not in a column at the origin", () => {
    const placed = placeUnpositioned(withoutPositions("letter"), noSizes);
    const letter = positionOf(placed, "letter");
    const triage = positionOf(placed, "triage");
    const call = positionOf(placed, "call");
    // Where the layered layout puts it: one rank below triage, beside call, its sibling branch.
    expect(letter.y).toBe(call.y);
    expect(letter.y).toBeGreaterThan(triage.y + unmeasuredSize.height);
    expect(Math.abs(letter.x - call.x)).toBeLessThanOrEqual(2 * (unmeasuredSize.width + 50));
    expect(overlapping(placed)).toEqual([]);
  });

  it("places a run of unpositioned activities one after another from the positioned one they hang from", () => {
    const placed = placeUnpositioned(withoutPositions("call", "letter", "end"), noSizes);
    const triage = positionOf(placed, "triage");
    const end = positionOf(placed, "end");
    expect(positionOf(placed, "call").y).toBeGreaterThan(triage.y);
    expect(end.y).toBeGreaterThan(positionOf(placed, "call").y);
    expect(end.x).toBeGreaterThan(500);
    expect(overlapping(placed)).toEqual([]);
  });

  it("puts one that connects to nothing below the diagram, and leaves a fully positioned document as it is", () => {
    const doc = withoutPositions();
    const lonely = placeUnpositioned({ ...doc, activities: [...doc.activities, { id: "note", type: "Task" }] }, noSizes);
    const bottom = Math.max(...boxes(doc).map((b) => b.y + b.height));
    expect(positionOf(lonely, "note").y).toBeGreaterThan(bottom);
    expect(placeUnpositioned(doc, noSizes)).toBe(doc);
  });

  it("lays out a document with no position at all", () => {
    expect(placeUnpositioned(branching(), noSizes)).toEqual(tidyLayout(branching(), noSizes));
  });
});
