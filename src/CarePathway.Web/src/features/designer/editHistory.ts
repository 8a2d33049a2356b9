/**
 * The designer's undo and redo: the document states before and after the present one. Pure: the
 * page keeps one of these and replaces it on each edit, undo or redo.
 */
export interface EditHistory<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The last edit's group and when it was made, so the next edit of the same group can join it. */
  readonly last?: { group: string; at: number };
}

/** How many steps back one can go: enough for a session's work, bounded so a long one does not hold every state. */
export const historyLimit = 200;

/** Edits of one group (typing in one activity's fields, dragging one node) closer together than this are one step. */
export const coalesceWithinMs = 1000;

export const startHistory = <T>(present: T): EditHistory<T> => ({ past: [], present, future: [] });

/**
 * The history after an edit to `next`: a new step, or, for an edit of the same `group` as the
 * last one within {@link coalesceWithinMs} of it, the last step carried further. Any redo is lost.
 */
export function recordEdit<T>(history: EditHistory<T>, next: T, edit: { group?: string; at: number }): EditHistory<T> {
  if (next === history.present) return history;
  const last = edit.group ? { group: edit.group, at: edit.at } : undefined;
  const joins = !!edit.group && history.last?.group === edit.group && edit.at - history.last.at < coalesceWithinMs && history.past.length > 0;
  if (joins) return { ...history, present: next, future: [], last };
  return { past: [...history.past, history.present].slice(-historyLimit), present: next, future: [], last };
}

export const canUndo = (history: EditHistory<unknown>) => history.past.length > 0;
export const canRedo = (history: EditHistory<unknown>) => history.future.length > 0;

/** One step back; the next edit starts a step of its own. */
export function undo<T>(history: EditHistory<T>): EditHistory<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

/** One step forward again, after an undo. */
export function redo<T>(history: EditHistory<T>): EditHistory<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}
