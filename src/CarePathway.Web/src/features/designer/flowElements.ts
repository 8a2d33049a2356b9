import { useMemo, useRef } from "react";
import type { Edge, NodeChange } from "@xyflow/react";
import type { ActivityDescriptor, ValidationProblem } from "../../api/types";
import type { ActivityFlowNode, NodeChangeMark } from "./ActivityNode";
import { activityName, connectionKey, outcomesOf, type ActivityDoc, type DefinitionDoc } from "./definitionModel";

/** What the designer's tools mark on the nodes: instances waiting there, or how a compared version changed them. */
export interface NodeMarks {
  instances?: ReadonlyMap<string, number>;
  changes?: ReadonlyMap<string, NodeChangeMark>;
}

const noProblems: ValidationProblem[] = [];

/** Each node's size as React Flow measured it in the page, by activity id. */
export type MeasuredSizes = ReadonlyMap<string, { width: number; height: number }>;

/**
 * The sizes after React Flow's "dimensions" changes (the same map when nothing moved). The
 * diagram's nodes are controlled, so a size React Flow measured lives only where we keep it; the
 * minimap draws a node only from the size on the node itself.
 */
export function withMeasuredSizes(sizes: MeasuredSizes, changes: readonly NodeChange<ActivityFlowNode>[]): MeasuredSizes {
  let next: Map<string, { width: number; height: number }> | null = null;
  for (const c of changes) {
    if (c.type !== "dimensions" || !c.dimensions) continue;
    const known = sizes.get(c.id);
    if (known && known.width === c.dimensions.width && known.height === c.dimensions.height) continue;
    next ??= new Map(sizes);
    next.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
  }
  return next ?? sizes;
}

interface KeptNode {
  activity: ActivityDoc;
  /** What the node's data is made of, besides the activity. */
  dataKey: string;
  node: ActivityFlowNode;
}

/**
 * The document as React Flow nodes (positions, outcomes as handles, problems and marks on nodes).
 * A node whose activity, problems, selection and marks are unchanged keeps the object it had, so
 * React Flow and the memoised node component skip it: an edit or a validation answer re-renders
 * only the nodes it concerns, not all of them. A node only measured (on open, all of them) gets a
 * new object for React Flow but keeps its data, so the node component does not draw it again.
 */
export function useFlowNodes(
  doc: DefinitionDoc,
  catalog: ReadonlyMap<string, ActivityDescriptor>,
  problems: ReadonlyMap<string, ValidationProblem[]>,
  selectedIds: ReadonlySet<string>,
  marks: NodeMarks,
  sizes: MeasuredSizes,
): ActivityFlowNode[] {
  const previous = useRef(new Map<string, KeptNode>());
  return useMemo(() => {
    const next = new Map<string, KeptNode>();
    // The previous render's nodes are this memo's own cache (read and replaced only here): that is how
    // an unchanged node stays the same object. The compiler's ref rule cannot see that no render reads it.
    // eslint-disable-next-line react-hooks/refs
    const nodes = doc.activities.map((a, index) => {
      const nodeProblems = problems.get(a.id) ?? noProblems;
      const instanceCount = marks.instances?.get(a.id);
      const change = marks.changes?.get(a.id);
      const selected = selectedIds.has(a.id);
      const measured = sizes.get(a.id);
      const dataKey = [instanceCount, change, catalog.get(a.type)?.type, ...nodeProblems.map((p) => `${p.field}:${p.message}`)].join("\u0000");
      const kept = previous.current.get(a.id);
      const data =
        kept && kept.activity === a && kept.dataKey === dataKey
          ? kept.node.data
          : { label: activityName(a), type: a.type, outcomes: outcomesOf(a, catalog.get(a.type)), problems: nodeProblems, instanceCount, change };
      // Activities without a position (hand-written JSON) are laid out in a column.
      const position = a.position ?? { x: 0, y: index * 120 };
      const unchanged =
        kept?.node.data === data &&
        kept.node.selected === selected &&
        kept.node.measured === measured &&
        kept.node.position.x === position.x &&
        kept.node.position.y === position.y;
      const node = unchanged ? kept.node : { id: a.id, type: "activity" as const, position, selected, measured, data };
      next.set(a.id, { activity: a, dataKey, node });
      return node;
    });
    // eslint-disable-next-line react-hooks/refs
    previous.current = next;
    return nodes;
  }, [doc, catalog, problems, selectedIds, marks, sizes]);
}

export function toEdges(doc: DefinitionDoc): Edge[] {
  return doc.connections.map((c) => ({
    id: connectionKey(c),
    source: c.from,
    sourceHandle: c.outcome,
    target: c.to,
    type: "outcome",
    label: c.outcome,
  }));
}
