import type { ActivityDescriptor, ValidationProblem } from "../../api/types";
import { jsonText } from "../../ui/format";

/**
 * The definition document the designer edits: the server's JSON format (pathway.schema.json).
 * Only the parts the designer touches are typed; any other field is kept as it came, so an
 * import/export or a save never drops what the designer does not know.
 */
export interface ActivityDoc {
  id: string;
  type: string;
  name?: string;
  inputs?: Record<string, unknown>;
  position?: { x: number; y: number };
  [other: string]: unknown;
}

export interface ConnectionDoc {
  from: string;
  outcome: string;
  to: string;
}

export interface ParameterDoc {
  name: string;
  type: string;
  default: unknown;
  unit?: string | null;
  source: string;
  description?: string | null;
  [other: string]: unknown;
}

export interface DefinitionDoc {
  definitionId: string;
  version: number;
  name: string;
  parameters?: ParameterDoc[] | null;
  activities: ActivityDoc[];
  connections: ConnectionDoc[];
  [other: string]: unknown;
}

export function asDefinitionDoc(json: unknown): DefinitionDoc {
  const doc = (json ?? {}) as Partial<DefinitionDoc>;
  return { ...doc, activities: doc.activities ?? [], connections: doc.connections ?? [] } as DefinitionDoc;
}

/**
 * The outcomes an activity can continue on: fixed by its type, or read from one of its inputs
 * (a Fork's branches, a Switch's cases, a HumanTask's outcomes list).
 */
export function outcomesOf(activity: ActivityDoc, descriptor: ActivityDescriptor | undefined): string[] {
  if (!descriptor) return [];
  if (descriptor.outcomesFrom) {
    const value = activity.inputs?.[descriptor.outcomesFrom];
    if (!Array.isArray(value)) return descriptor.outcomes ?? [];
    return value.map((v) => (typeof v === "string" ? v : jsonText((v as { outcome?: unknown })?.outcome ?? ""))).filter(Boolean);
  }
  return descriptor.outcomes ?? [];
}

/** What people call an activity: its name, else its task's title, else its id. */
export function activityName(activity: ActivityDoc): string {
  const title = activity.inputs?.title;
  return activity.name?.trim() || (typeof title === "string" ? title.trim() : "") || activity.id;
}

/** An activity in a list to choose from: its name with its id, e.g. "Follow-up call (follow-up)", or the id alone when that is all it has. */
export function activityChoiceLabel(activity: ActivityDoc): string {
  const name = activityName(activity);
  return name === activity.id ? name : `${name} (${activity.id})`;
}

/** Problems per activity id; problems of the whole definition are under "". */
export function problemsByActivity(problems: readonly ValidationProblem[]): Map<string, ValidationProblem[]> {
  const map = new Map<string, ValidationProblem[]>();
  for (const p of problems) {
    const key = p.activityId ?? "";
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}

/** A fresh id for a new activity of a type: decision, decision-2, ... */
export function newActivityId(doc: DefinitionDoc, type: string): string {
  const base = type.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
  const taken = new Set(doc.activities.map((a) => a.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export function addActivity(doc: DefinitionDoc, type: string, position: { x: number; y: number }): [DefinitionDoc, string] {
  const id = newActivityId(doc, type);
  return [{ ...doc, activities: [...doc.activities, { id, type, inputs: {}, position }] }, id];
}

export function updateActivity(doc: DefinitionDoc, id: string, change: (a: ActivityDoc) => ActivityDoc): DefinitionDoc {
  return { ...doc, activities: doc.activities.map((a) => (a.id === id ? change(a) : a)) };
}

/** Renames an activity and the connections that name it, so no edge is orphaned. */
export function renameActivity(doc: DefinitionDoc, id: string, newId: string): DefinitionDoc {
  const rename = (x: string) => (x === id ? newId : x);
  return {
    ...updateActivity(doc, id, (a) => ({ ...a, id: newId })),
    connections: doc.connections.map((c) => ({ ...c, from: rename(c.from), to: rename(c.to) })),
  };
}

export function removeActivities(doc: DefinitionDoc, ids: ReadonlySet<string>): DefinitionDoc {
  return {
    ...doc,
    activities: doc.activities.filter((a) => !ids.has(a.id)),
    connections: doc.connections.filter((c) => !ids.has(c.from) && !ids.has(c.to)),
  };
}

export const connectionKey = (c: ConnectionDoc) => `${c.from}:${c.outcome}->${c.to}`;

/** Connects an outcome to an activity; an outcome leads to one place, so an existing link from it is replaced. */
export function connect(doc: DefinitionDoc, connection: ConnectionDoc): DefinitionDoc {
  const others = doc.connections.filter((c) => !(c.from === connection.from && c.outcome === connection.outcome));
  return { ...doc, connections: [...others, connection] };
}

export function disconnect(doc: DefinitionDoc, keys: ReadonlySet<string>): DefinitionDoc {
  return { ...doc, connections: doc.connections.filter((c) => !keys.has(connectionKey(c))) };
}
