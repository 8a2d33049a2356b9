import type { ActivityDoc, ConnectionDoc, DefinitionDoc } from "./definitionModel";
import { overlapsAny, type Size } from "./diagramLayout";

/** Activities copied together, with the connections among them (those to anything outside are not part of the copy). */
export interface ActivityGroup {
  activities: ActivityDoc[];
  connections: ConnectionDoc[];
}

export function copyGroup(doc: DefinitionDoc, ids: ReadonlySet<string>): ActivityGroup {
  return {
    activities: doc.activities.filter((a) => ids.has(a.id)),
    connections: doc.connections.filter((c) => ids.has(c.from) && ids.has(c.to)),
  };
}

/** A fresh id for a copy of `id`: follow-up-copy, follow-up-copy-2, ... */
function copyId(id: string, taken: ReadonlySet<string>): string {
  const base = `${id}-copy`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** How far each paste steps the copies down and to the right until they cover nothing. */
export const pasteStep = 60;

/**
 * The document with a copy of the group added: fresh unique ids, the group's own connections
 * between the copies, moved down and right, a step at a time, until no copy overlaps an activity
 * already there. Answers the copies' ids too (the paste becomes the selection).
 */
export function pasteGroup(doc: DefinitionDoc, group: ActivityGroup, sizes: ReadonlyMap<string, Size>): [DefinitionDoc, string[]] {
  const taken = new Set(doc.activities.map((a) => a.id));
  const ids = new Map<string, string>();
  for (const a of group.activities) {
    const id = copyId(a.id, taken);
    taken.add(id);
    ids.set(a.id, id);
  }
  const placed = doc.activities.filter((a) => a.position);
  const at = (a: ActivityDoc, step: number) => ({ x: (a.position?.x ?? 0) + step * pasteStep, y: (a.position?.y ?? 0) + step * pasteStep });
  let step = 1;
  while (group.activities.some((a) => overlapsAny(at(a, step), placed, sizes))) step++;
  const copies = group.activities.map((a) => ({ ...structuredClone(a), id: ids.get(a.id)!, position: at(a, step) }));
  const connections = group.connections.map((c) => ({ ...c, from: ids.get(c.from)!, to: ids.get(c.to)! }));
  return [{ ...doc, activities: [...doc.activities, ...copies], connections: [...doc.connections, ...connections] }, copies.map((c) => c.id)];
}
