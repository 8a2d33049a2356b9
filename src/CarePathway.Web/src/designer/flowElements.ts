import { useMemo, useRef } from "react";
import type { Edge } from "@xyflow/react";
import type { ActivityDescriptor, ValidationProblem } from "../api/types";
import type { ActivityFlowNode, NodeChangeMark } from "./ActivityNode";
import { connectionKey, outcomesOf, type ActivityDoc, type DefinitionDoc } from "./definitionModel";

/** What the designer's tools mark on the nodes: instances waiting there, or how a compared version changed them. */
export interface NodeMarks {
  instances?: ReadonlyMap<string, number>;
  changes?: ReadonlyMap<string, NodeChangeMark>;
}

const noProblems: ValidationProblem[] = [];

/**
 * The document as React Flow nodes (positions, outcomes as handles, problems and marks on nodes).
 * A node whose activity, problems, selection and marks are unchanged keeps the object it had, so
 * React Flow and the memoised node component skip it: an edit or a validation answer re-renders
 * only the nodes it concerns, not all of them.
 */
export function useFlowNodes(
  doc: DefinitionDoc,
  catalog: ReadonlyMap<string, ActivityDescriptor>,
  problems: ReadonlyMap<string, ValidationProblem[]>,
  selectedId: string | null,
  marks: NodeMarks,
): ActivityFlowNode[] {
  const previous = useRef(new Map<string, { activity: ActivityDoc; key: string; node: ActivityFlowNode }>());
  return useMemo(() => {
    const next = new Map<string, { activity: ActivityDoc; key: string; node: ActivityFlowNode }>();
    const nodes = doc.activities.map((a, index) => {
      const nodeProblems = problems.get(a.id) ?? noProblems;
      const instanceCount = marks.instances?.get(a.id);
      const change = marks.changes?.get(a.id);
      const selected = a.id === selectedId;
      const key = [index, selected, instanceCount, change, catalog.get(a.type)?.type, ...nodeProblems.map((p) => `${p.field}:${p.message}`)].join("\u0000");
      const kept = previous.current.get(a.id);
      const node =
        kept && kept.activity === a && kept.key === key
          ? kept.node
          : {
              id: a.id,
              type: "activity" as const,
              // Activities without a position (hand-written JSON) are laid out in a column.
              position: a.position ?? { x: 0, y: index * 120 },
              selected,
              data: { label: a.name || a.id, type: a.type, outcomes: outcomesOf(a, catalog.get(a.type)), problems: nodeProblems, instanceCount, change },
            };
      next.set(a.id, { activity: a, key, node });
      return node;
    });
    previous.current = next;
    return nodes;
  }, [doc, catalog, problems, selectedId, marks]);
}

export function toEdges(doc: DefinitionDoc): Edge[] {
  return doc.connections.map((c) => ({
    id: connectionKey(c),
    source: c.from,
    sourceHandle: c.outcome,
    target: c.to,
    label: c.outcome,
  }));
}
