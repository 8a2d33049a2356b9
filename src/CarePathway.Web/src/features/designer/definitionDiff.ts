import { connectionKey, type ActivityDoc, type ConnectionDoc, type DefinitionDoc, type ParameterDoc } from "./definitionModel";

/** One value that differs between the two documents. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ActivityChange {
  id: string;
  type: string;
  changes: FieldChange[];
}

export interface ParameterChange {
  name: string;
  changes: FieldChange[];
}

/**
 * What differs from one definition document to another, as a reader wants it: activities and
 * parameters added, removed or changed (field by field, input by input), connections added or
 * removed, and the definition's own fields. Positions are layout, not meaning, so moving a node is
 * not a change.
 */
export interface DefinitionDiff {
  definition: FieldChange[];
  activities: { added: ActivityDoc[]; removed: ActivityDoc[]; changed: ActivityChange[] };
  connections: { added: ConnectionDoc[]; removed: ConnectionDoc[] };
  parameters: { added: ParameterDoc[]; removed: ParameterDoc[]; changed: ParameterChange[] };
}

/** Fields of the document that are compared as a whole (the lists are compared item by item). */
const listFields = new Set(["activities", "connections", "parameters", "version"]);
/** An activity's id is its key, its position is layout, and its inputs are compared one by one. */
const activityFieldsAside = new Set(["id", "inputs", "position"]);

export function diffDefinitions(before: DefinitionDoc, after: DefinitionDoc): DefinitionDiff {
  const activities = diffById(before.activities, after.activities, (a) => a.id);
  const parameters = diffById(before.parameters ?? [], after.parameters ?? [], (p) => p.name);
  const connections = diffById(before.connections, after.connections, connectionKey);
  return {
    definition: fieldChanges(before, after, (f) => !listFields.has(f)),
    activities: {
      added: activities.added,
      removed: activities.removed,
      changed: activities.common
        .map(([b, a]) => ({
          id: a.id,
          type: a.type,
          changes: [
            ...fieldChanges(b, a, (f) => !activityFieldsAside.has(f)),
            ...fieldChanges(b.inputs ?? {}, a.inputs ?? {}, () => true).map((c) => ({ ...c, field: `inputs.${c.field}` })),
          ],
        }))
        .filter((c) => c.changes.length > 0),
    },
    connections: { added: connections.added, removed: connections.removed },
    parameters: {
      added: parameters.added,
      removed: parameters.removed,
      changed: parameters.common.map(([b, a]) => ({ name: a.name, changes: fieldChanges(b, a, (f) => f !== "name") })).filter((c) => c.changes.length > 0),
    },
  };
}

export const isEmptyDiff = (d: DefinitionDiff) =>
  d.definition.length +
    d.activities.added.length +
    d.activities.removed.length +
    d.activities.changed.length +
    d.connections.added.length +
    d.connections.removed.length +
    d.parameters.added.length +
    d.parameters.removed.length +
    d.parameters.changed.length ===
  0;

/** How each activity of the newer document differs, for marking nodes on the canvas. */
export function activityMarks(diff: DefinitionDiff): Map<string, "added" | "changed"> {
  return new Map<string, "added" | "changed">([
    ...diff.activities.added.map((a) => [a.id, "added"] as const),
    ...diff.activities.changed.map((a) => [a.id, "changed"] as const),
  ]);
}

function diffById<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const beforeByKey = new Map(before.map((item) => [key(item), item]));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((item) => !beforeByKey.has(key(item))),
    removed: before.filter((item) => !afterKeys.has(key(item))),
    common: after.filter((item) => beforeByKey.has(key(item))).map((item) => [beforeByKey.get(key(item))!, item] as const),
  };
}

/** The fields (of both objects, in a stable order) whose values differ; a missing field and null are the same. */
function fieldChanges(before: object, after: object, include: (field: string) => boolean): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(include).sort();
  return fields.filter((f) => canonical(b[f]) !== canonical(a[f])).map((f) => ({ field: f, before: b[f] ?? null, after: a[f] ?? null }));
}

/** JSON with object keys sorted, so key order (which the server may change) is not a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
