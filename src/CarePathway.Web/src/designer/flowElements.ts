import type { Edge } from "@xyflow/react";
import type { ActivityDescriptor, ValidationProblem } from "../api/types";
import type { ActivityFlowNode } from "./ActivityNode";
import { connectionKey, outcomesOf, type DefinitionDoc } from "./definitionModel";

/** The document as React Flow nodes and edges (positions, outcomes as handles, problems on nodes). */
export function toNodes(
  doc: DefinitionDoc,
  catalog: ReadonlyMap<string, ActivityDescriptor>,
  problems: ReadonlyMap<string, ValidationProblem[]>,
  selectedId: string | null,
  instancesAt: ReadonlyMap<string, number> = new Map(),
): ActivityFlowNode[] {
  return doc.activities.map((a, index) => ({
    id: a.id,
    type: "activity",
    // Activities without a position (hand-written JSON) are laid out in a column.
    position: a.position ?? { x: 0, y: index * 120 },
    selected: a.id === selectedId,
    data: {
      label: a.name || a.id,
      type: a.type,
      outcomes: outcomesOf(a, catalog.get(a.type)),
      problems: problems.get(a.id) ?? [],
      instanceCount: instancesAt.get(a.id),
    },
  }));
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
