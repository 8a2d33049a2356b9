import { describe, expect, it } from "vitest";
import { canRedo, canUndo, coalesceWithinMs, historyLimit, recordEdit, redo, startHistory, undo } from "./editHistory";

describe("edit history", () => {
  it("undoes and redoes each edit in turn", () => {
    let h = startHistory("a");
    h = recordEdit(h, "b", { at: 0 });
    h = recordEdit(h, "c", { at: 1 });
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe("c");
    expect(redo(h)).toBe(h);
  });

  it("drops what could be redone when a new edit is made after an undo", () => {
    let h = recordEdit(recordEdit(startHistory("a"), "b", { at: 0 }), "c", { at: 1 });
    h = recordEdit(undo(h), "d", { at: 2 });
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe("b");
  });

  it("makes typing in one place one step, however many keystrokes", () => {
    let h = startHistory("");
    for (const [i, text] of ["F", "Fo", "Fol", "Foll"].entries()) h = recordEdit(h, text, { group: "activity:call", at: i * 200 });
    expect(h.present).toBe("Foll");
    expect(h.past).toEqual([""]);
    expect(undo(h).present).toBe("");
  });

  it("starts a new step after a pause, in another group, after an edit of no group, or after an undo", () => {
    const typed = recordEdit(startHistory("a"), "ab", { group: "g", at: 0 });
    expect(recordEdit(typed, "abc", { group: "g", at: coalesceWithinMs }).past).toHaveLength(2);
    expect(recordEdit(typed, "abc", { group: "other", at: 10 }).past).toHaveLength(2);
    expect(recordEdit(typed, "abc", { at: 10 }).past).toHaveLength(2);
    const undone = undo(recordEdit(typed, "abx", { at: 20 }));
    expect(recordEdit(undone, "aby", { group: "g", at: 30 }).past).toHaveLength(2);
  });

  it("records nothing for an edit that changed nothing", () => {
    const h = startHistory({ n: 1 });
    expect(recordEdit(h, h.present, { at: 0 })).toBe(h);
  });

  it("keeps at most the limit of steps back", () => {
    let h = startHistory(0);
    for (let i = 1; i <= historyLimit + 10; i++) h = recordEdit(h, i, { at: i });
    expect(h.past).toHaveLength(historyLimit);
    expect(h.past[0]).toBe(10);
  });
});
